package io.hathor.reinit.db;

/** One derived address and its BIP32 child index on the change-0 chain. */
public record IndexedAddress(String address, int index) {}
