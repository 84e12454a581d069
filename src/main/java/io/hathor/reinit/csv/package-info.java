/** Reading every wallet export format, validating rows, and writing the failed and rejected files. */
package io.hathor.reinit.csv;
