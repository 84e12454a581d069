package io.hathor.reinit.runbook;

import java.util.Locale;

/**
 * Which database an export came from, as the JDBC URL names it: the first host, its port (3306 when the URL gives
 * none) and the schema. Hosts compare without case.
 */
public record ServerIdentity(String host, int port, String schema) {
    private static final int DEFAULT_PORT = 3306;

    /** Parses {@code jdbc:mysql://[user@]host[:port][,host2…]/schema[?…]}; null for null or an unparsable URL. */
    public static ServerIdentity fromUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        int scheme = jdbcUrl.indexOf("://");
        if (scheme < 0) {
            return null;
        }
        String rest = jdbcUrl.substring(scheme + 3);
        int slash = rest.indexOf('/');
        int query = rest.indexOf('?');
        int authorityEnd = slash >= 0 ? slash : query >= 0 ? query : rest.length();
        String authority = rest.substring(0, authorityEnd);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int comma = authority.indexOf(',');
        String first = comma >= 0 ? authority.substring(0, comma) : authority;
        String host = first;
        int port = DEFAULT_PORT;
        int portColon = first.startsWith("[") ? first.indexOf(':', first.indexOf(']')) : first.lastIndexOf(':');
        if (portColon >= 0) {
            host = first.substring(0, portColon);
            try {
                port = Integer.parseInt(first.substring(portColon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        String schema = "";
        if (slash >= 0 && (query < 0 || slash < query)) {
            int end = query >= 0 ? query : rest.length();
            schema = rest.substring(slash + 1, end);
        }
        return new ServerIdentity(host.toLowerCase(Locale.ROOT), port, schema);
    }

    @Override
    public String toString() {
        return host + ":" + port + "/" + schema;
    }
}
