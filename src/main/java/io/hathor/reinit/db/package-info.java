/** Everything that talks JDBC: the pool, the wallet repository, the journal, schema inspection and SQL constants. */
package io.hathor.reinit.db;
