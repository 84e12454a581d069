-- Turns the legacy test schema (sql/schema.sql) into the shielded flavor: the columns and keys of the nine
-- 20260512100000…08 migrations and 20260629100000 (the columns those migrations add). Test-only.
-- Statements are separated by a line holding only ";".
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
