/** Dispatch of wallet loads (window or batch), status polling, per-wallet timeouts and stopping. */
package io.hathor.reinit.schedule;
