package io.hathor.reinit.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into numbered physical lines (LF, optional CR before it) and decodes each as strict UTF-8.
 * Works on bytes so that a line longer than {@link #MAX_LINE_BYTES} or with malformed UTF-8 becomes a line-numbered
 * problem instead of an exception or an unbounded buffer; memory stays constant whatever the input.
 */
final class PhysicalLineReader implements Closeable {
    static final int MAX_LINE_BYTES = 64 * 1024;
    private static final int BOM_0 = 0xEF;

    /** A physical line: text, or a problem that makes the whole line unreadable. */
    record Line(long number, String text, String problem) {}

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int pos;
    private int limit;
    private long number;
    private boolean eof;
    private Line pushedBack;

    PhysicalLineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        if (pushedBack != null) {
            Line l = pushedBack;
            pushedBack = null;
            return l;
        }
        int length = 0;
        long total = 0;
        boolean sawAny = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                break;
            }
            sawAny = true;
            byte b = buffer[pos++];
            if (b == '\n') {
                break;
            }
            if (length < MAX_LINE_BYTES) {
                line[length++] = b;
            }
            total++;
        }
        number++;
        if (total > MAX_LINE_BYTES) {
            return new Line(number, null, "line is longer than " + MAX_LINE_BYTES + " bytes (" + total
                    + " bytes); not a wallet export row");
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = 0;
        if (number == 1 && length >= 3 && (line[0] & 0xff) == BOM_0 && (line[1] & 0xff) == 0xBB
                && (line[2] & 0xff) == 0xBF) {
            start = 3;
        }
        return decode(start, length);
    }

    /** Gives a line back; the next call to {@link #next()} returns it again. */
    void pushBack(Line l) {
        pushedBack = l;
    }

    private Line decode(int start, int end) {
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new Line(number, new String(line, start, end - start, StandardCharsets.ISO_8859_1), null);
        }
        ByteBuffer bytes = ByteBuffer.wrap(line, start, end - start);
        try {
            return new Line(number, decoder.decode(bytes).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "invalid UTF-8 at byte " + (bytes.position() - start + 1)
                    + " of the line; the file must be UTF-8");
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
