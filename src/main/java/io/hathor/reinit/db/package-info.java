/**
 * Everything that talks JDBC: the pool, the wallet repository, the journal, schema inspection and SQL constants.
 * Other packages see a {@link io.hathor.reinit.db.Database} and {@link io.hathor.reinit.db.DatabaseException}, never
 * a JDBC type.
 */
package io.hathor.reinit.db;
