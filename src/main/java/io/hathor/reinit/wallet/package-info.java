/** Domain of a wallet: its row, id, status, extended public key and the addresses derived from it. */
package io.hathor.reinit.wallet;
