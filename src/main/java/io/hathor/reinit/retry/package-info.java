/** The retry policy shared by the database, the Lambda invoker and the in-process loader; depends on nothing. */
package io.hathor.reinit.retry;
