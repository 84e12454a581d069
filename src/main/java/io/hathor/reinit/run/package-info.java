/** One re-initialization: read, insert, select, load, verify, summarize. */
package io.hathor.reinit.run;
