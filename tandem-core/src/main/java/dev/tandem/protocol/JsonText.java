package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes JSON text safe to send as UTF-8.
 *
 * <p>Positions count UTF-16 units, so an edit may split a surrogate pair and a document may hold a lone
 * surrogate (JavaScript clients send one as a {@code \ud83d} escape). Jackson writes such a character raw
 * into a {@code String}, and encoding that to UTF-8 for the socket replaces it with {@code ?}: the receiver
 * would get another document than the sender has, and they would diverge. Escaping lone surrogates keeps
 * every UTF-16 unit exact, as {@code JSON.stringify} does.
 */
public final class JsonText {
    private JsonText() {}

    /** A message (a {@link ServerMessage}, an error) as JSON text safe to send as UTF-8. */
    public static String write(ObjectMapper mapper, Object message) {
        try {
            return escapeLoneSurrogates(mapper.writeValueAsString(message)); // e.g. welcome content
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName(), e);
        }
    }

    /** {@code json} with every lone surrogate written as a {@code \\uXXXX} escape; the same string when it has none. */
    public static String escapeLoneSurrogates(String json) {
        int first = firstLoneSurrogate(json);
        if (first < 0) return json;
        StringBuilder out = new StringBuilder(json.length() + 16).append(json, 0, first);
        for (int i = first; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < json.length() && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                // Only string values can hold a surrogate (JSON's own syntax is ASCII), so an escape is valid here.
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return i;
            }
        }
        return -1;
    }
}
