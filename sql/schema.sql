-- Hathor wallet-service tables, legacy flavor: the schema after every migration up to
-- 20260123000000-add-first-block-to-transaction.js (releases v1.12.0 - v1.14.0).
-- Written from the wallet-service's db/migrations/*.js; used by the tests and the demo.
-- Statements are separated by a line holding only ";" so tools can split the file without an SQL parser.

CREATE TABLE IF NOT EXISTS `wallet` (
  `id` VARCHAR(64) NOT NULL,
  `xpubkey` VARCHAR(120) NOT NULL,
  `status` ENUM('creating','ready','error') NOT NULL DEFAULT 'creating',
  `max_gap` SMALLINT UNSIGNED NOT NULL DEFAULT 20,
  `created_at` INT UNSIGNED NOT NULL,
  `ready_at` INT UNSIGNED NULL DEFAULT NULL,
  `retry_count` SMALLINT UNSIGNED NOT NULL DEFAULT 0,
  `auth_xpubkey` VARCHAR(120) NOT NULL,
  `last_used_address_index` INT NOT NULL DEFAULT -1,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `address` (
  `address` VARCHAR(34) NOT NULL,
  `index` INT UNSIGNED NULL DEFAULT NULL,
  `wallet_id` VARCHAR(64) NULL DEFAULT NULL,
  `transactions` INT UNSIGNED NOT NULL,
  `seqnum` INT NOT NULL DEFAULT 0,
  PRIMARY KEY (`address`),
  KEY `address_index_idx` (`index`),
  KEY `idx_wallet_address_index` (`wallet_id`, `index`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `address_balance` (
  `address` VARCHAR(34) NOT NULL,
  `token_id` VARCHAR(64) NOT NULL,
  `unlocked_balance` BIGINT UNSIGNED NOT NULL,
  `locked_balance` BIGINT UNSIGNED NOT NULL,
  `unlocked_authorities` TINYINT UNSIGNED NOT NULL DEFAULT 0,
  `locked_authorities` TINYINT UNSIGNED NOT NULL DEFAULT 0,
  `timelock_expires` INT UNSIGNED NULL DEFAULT NULL,
  `transactions` INT UNSIGNED NOT NULL,
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `total_received` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (`address`, `token_id`),
  KEY `address_balance_updated_at_idx` (`updated_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `address_tx_history` (
  `address` VARCHAR(34) NOT NULL,
  `tx_id` VARCHAR(64) NOT NULL,
  `token_id` VARCHAR(64) NOT NULL,
  `balance` BIGINT NOT NULL,
  `timestamp` INT UNSIGNED NOT NULL,
  `voided` TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`address`, `tx_id`, `token_id`),
  KEY `address_tx_history_txid_idx` (`tx_id`),
  KEY `address_tx_history_tokenid_idx` (`token_id`),
  KEY `address_tx_history_timestamp_idx` (`timestamp`),
  KEY `address_tx_history_voided_idx` (`voided`),
  KEY `idx_address_tx_history_addr_voided_token` (`address`, `voided`, `token_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `wallet_balance` (
  `wallet_id` VARCHAR(64) NOT NULL,
  `token_id` VARCHAR(64) NOT NULL,
  `unlocked_balance` BIGINT UNSIGNED NOT NULL,
  `locked_balance` BIGINT UNSIGNED NOT NULL,
  `unlocked_authorities` TINYINT UNSIGNED NOT NULL DEFAULT 0,
  `locked_authorities` TINYINT UNSIGNED NOT NULL DEFAULT 0,
  `timelock_expires` INT UNSIGNED NULL DEFAULT NULL,
  `transactions` INT UNSIGNED NOT NULL,
  `total_received` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (`wallet_id`, `token_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `wallet_tx_history` (
  `wallet_id` VARCHAR(64) NOT NULL,
  `token_id` VARCHAR(64) NOT NULL,
  `tx_id` VARCHAR(64) NOT NULL,
  `balance` BIGINT NOT NULL,
  `timestamp` INT UNSIGNED NOT NULL,
  `voided` TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`wallet_id`, `token_id`, `tx_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `token` (
  `id` VARCHAR(64) NOT NULL,
  `name` VARCHAR(30) NOT NULL,
  `symbol` VARCHAR(5) NOT NULL,
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `transactions` INT UNSIGNED NOT NULL DEFAULT 0,
  `version` INT UNSIGNED NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `transaction` (
  `tx_id` VARCHAR(64) NOT NULL,
  `timestamp` INT UNSIGNED NOT NULL,
  `version` TINYINT UNSIGNED NOT NULL,
  `voided` TINYINT(1) NOT NULL DEFAULT 0,
  `height` INT UNSIGNED NULL DEFAULT NULL,
  `weight` FLOAT UNSIGNED NULL DEFAULT NULL,
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  `first_block` VARCHAR(64) NULL DEFAULT NULL,
  PRIMARY KEY (`tx_id`),
  KEY `transaction_version_idx` (`version`),
  KEY `transaction_height_idx` (`height`),
  KEY `transaction_updated_at_idx` (`updated_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `tx_output` (
  `tx_id` VARCHAR(64) NOT NULL,
  `index` TINYINT UNSIGNED NOT NULL,
  `token_id` VARCHAR(64) NOT NULL,
  `address` VARCHAR(34) NOT NULL,
  `value` BIGINT UNSIGNED NOT NULL,
  `authorities` TINYINT UNSIGNED NULL DEFAULT NULL,
  `timelock` INT UNSIGNED NULL DEFAULT NULL,
  `heightlock` INT UNSIGNED NULL DEFAULT NULL,
  `locked` TINYINT(1) NOT NULL DEFAULT 0,
  `tx_proposal` VARCHAR(36) NULL DEFAULT NULL,
  `tx_proposal_index` TINYINT UNSIGNED NULL DEFAULT NULL,
  `spent_by` VARCHAR(64) NULL DEFAULT NULL,
  `voided` TINYINT(1) NOT NULL DEFAULT 0,
  PRIMARY KEY (`tx_id`, `index`),
  KEY `tx_output_heightlock_idx` (`heightlock`),
  KEY `tx_output_timelock_idx` (`timelock`),
  KEY `tx_output_address_idx` (`address`),
  KEY `tx_output_token_id_idx` (`token_id`),
  KEY `tx_output_tx_proposal_idx` (`tx_proposal`),
  KEY `tx_output_spent_by_idx` (`spent_by`),
  KEY `tx_output_voided_idx` (`voided`),
  KEY `tx_output_locked_idx` (`locked`),
  KEY `idx_tx_output_utxo_lookup` (`address`, `token_id`, `spent_by`, `voided`, `locked`, `authorities`),
  KEY `idx_tx_output_locked_heightlock` (`locked`, `heightlock`),
  KEY `idx_tx_output_locked_timelock` (`locked`, `timelock`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `sync_metadata` (
  `id` INT NOT NULL,
  `last_event_id` INT NOT NULL,
  `updated_at` VARCHAR(64) NULL DEFAULT '0',
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `version_data` (
  `id` INT UNSIGNED NOT NULL DEFAULT 1,
  `timestamp` BIGINT UNSIGNED NOT NULL,
  `data` TEXT NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `tx_proposal` (
  `id` VARCHAR(36) NOT NULL,
  `wallet_id` VARCHAR(64) NOT NULL,
  `status` ENUM('open','sent','send_error','cancelled') NOT NULL,
  `created_at` INT UNSIGNED NOT NULL,
  `updated_at` INT UNSIGNED NULL DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `miner` (
  `address` VARCHAR(34) NOT NULL,
  `first_block` VARCHAR(64) NOT NULL,
  `last_block` VARCHAR(64) NOT NULL,
  `count` BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (`address`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `push_devices` (
  `device_id` VARCHAR(256) NOT NULL,
  `push_provider` ENUM('ios','android') NOT NULL,
  `wallet_id` VARCHAR(64) NOT NULL,
  `enable_push` TINYINT(1) NOT NULL DEFAULT 0,
  `enable_show_amounts` TINYINT(1) NOT NULL DEFAULT 0,
  `updated_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  PRIMARY KEY (`device_id`),
  KEY `push_devices_wallet_id_fk` (`wallet_id`),
  CONSTRAINT `push_devices_wallet_id_fk` FOREIGN KEY (`wallet_id`) REFERENCES `wallet` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `token_creation` (
  `token_id` VARCHAR(64) NOT NULL,
  `tx_id` VARCHAR(64) NOT NULL,
  `created_at` DATETIME NULL DEFAULT CURRENT_TIMESTAMP,
  `first_block` VARCHAR(64) NULL DEFAULT NULL,
  PRIMARY KEY (`token_id`),
  KEY `token_creation_tx_id_idx` (`tx_id`),
  KEY `token_creation_first_block_idx` (`first_block`),
  CONSTRAINT `token_creation_token_id_fk` FOREIGN KEY (`token_id`) REFERENCES `token` (`id`)
    ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
CREATE TABLE IF NOT EXISTS `SequelizeMeta` (
  `name` VARCHAR(255) NOT NULL,
  PRIMARY KEY (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci
;
-- The HTR token row that migration 20220811212756 inserts (version 0 = native, per 20260115130717).
INSERT IGNORE INTO `token` (`id`, `name`, `symbol`, `transactions`, `version`) VALUES ('00', 'Hathor', 'HTR', 0, 0)
;
