/** The loadWalletAsync invoker (AWS SDK v2) and the local Invoke API server used by the demo and the tests. */
package io.hathor.reinit.lambda;
