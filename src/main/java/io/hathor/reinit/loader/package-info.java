/** The in-process wallet load: the wallet-service's legacy load algorithm, idempotent, done by this tool. */
package io.hathor.reinit.loader;
