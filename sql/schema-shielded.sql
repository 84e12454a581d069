-- Hathor wallet-service tables, shielded flavor: applied after sql/schema.sql, it adds what the nine
-- 20260512100000…08 migrations and 20260629100000-remove-total-supply-and-unused-tx-output-indexes.js leave
-- (wallet.scan_xpriv / spend_xpub / shielded_max_gap / last_used_shielded_index / ct_status, the shielded address
-- columns, the shielded balance columns, tx_output.mode and shielded_tx_output_data).
-- Used by the tests and `reinit demo --shielded`. Statements are separated by a line holding only ";".
ALTER TABLE `wallet`
  ADD COLUMN `scan_xpriv` BLOB NULL DEFAULT NULL,
  ADD COLUMN `spend_xpub` VARCHAR(120) NULL DEFAULT NULL,
  ADD COLUMN `shielded_max_gap` SMALLINT UNSIGNED NULL DEFAULT 20,
  ADD COLUMN `last_used_shielded_index` INT UNSIGNED NULL DEFAULT NULL,
  ADD COLUMN `ct_status` ENUM('none','creating','ready','error') NOT NULL DEFAULT 'none'
;
ALTER TABLE `address`
  ADD COLUMN `bip32_account` TINYINT UNSIGNED NULL DEFAULT NULL,
  ADD COLUMN `scan_privkey` VARBINARY(32) NULL DEFAULT NULL,
  ADD COLUMN `catchup_state` ENUM('pending','running','done') NULL DEFAULT NULL,
  ADD COLUMN `ct_address` VARCHAR(100) NULL DEFAULT NULL,
  ADD UNIQUE KEY `uk_address_wallet_account_index` (`wallet_id`, `bip32_account`, `index`),
  ADD KEY `idx_address_ct_long` (`ct_address`),
  ADD KEY `idx_address_wallet_catchup` (`wallet_id`, `catchup_state`)
;
ALTER TABLE `address_balance`
  ADD COLUMN `unlocked_shielded_balance` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN `locked_shielded_balance` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN `total_shielded_received` BIGINT UNSIGNED NOT NULL DEFAULT 0
;
ALTER TABLE `address_tx_history`
  ADD COLUMN `shielded_balance_delta` BIGINT NOT NULL DEFAULT 0
;
ALTER TABLE `wallet_balance`
  ADD COLUMN `unlocked_shielded_balance` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN `locked_shielded_balance` BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN `total_shielded_received` BIGINT UNSIGNED NOT NULL DEFAULT 0
;
ALTER TABLE `wallet_tx_history`
  ADD COLUMN `shielded_balance_delta` BIGINT NOT NULL DEFAULT 0
;
ALTER TABLE `tx_output`
  MODIFY COLUMN `index` SMALLINT UNSIGNED NOT NULL,
  MODIFY COLUMN `token_id` VARCHAR(64) NULL,
  MODIFY COLUMN `value` BIGINT UNSIGNED NULL,
  ADD COLUMN `mode` TINYINT NOT NULL DEFAULT 0,
  ADD COLUMN `recovery_state` ENUM('unowned','recovered','recovery_failed') NULL DEFAULT NULL
;
CREATE TABLE IF NOT EXISTS `shielded_tx_output_data` (
  `tx_id` VARCHAR(64) NOT NULL,
  `index` SMALLINT UNSIGNED NOT NULL,
  `commitment` VARBINARY(33) NOT NULL,
  `range_proof` BLOB NOT NULL,
  `script` VARBINARY(1024) NOT NULL,
  `ephemeral_pubkey` VARBINARY(33) NOT NULL,
  `token_data` TINYINT UNSIGNED NULL DEFAULT NULL,
  `asset_commitment` VARBINARY(33) NULL DEFAULT NULL,
  `surjection_proof` BLOB NULL DEFAULT NULL,
  PRIMARY KEY (`tx_id`, `index`),
  CONSTRAINT `fk_shielded_tx_output_data_tx_output` FOREIGN KEY (`tx_id`, `index`)
    REFERENCES `tx_output` (`tx_id`, `index`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
;
