package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.access.ViewerRule;
import dev.tandem.api.ApiException;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ClientMessageParser;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.ProtocolException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code POST /api/connections/{c}/messages} before anything is queued, so that a refused body
 * changes nothing: a JSON array of client messages (or one object), each within the socket's message limit,
 * well-formed, and allowed by the viewer rule. When several fail, the contract's order decides: 403, 413, 400.
 */
final class HttpInboxCheck {
    private HttpInboxCheck() {
    }

    /** The messages as texts, in order; or the {@link ApiException} of the first refusal by that order. */
    static List<String> check(ObjectMapper mapper, int maxMessageBytes, boolean viewer, String body) {
        JsonNode node;
        try {
            node = body == null ? null : mapper.readTree(body);
        } catch (Exception e) {
            throw new ApiException(400, ErrorCode.BAD_MESSAGE, "the body is not JSON");
        }
        if (node == null || !(node.isArray() || node.isObject())) {
            throw new ApiException(400, ErrorCode.BAD_MESSAGE, "the body must be a client message or an array of them");
        }
        List<JsonNode> elements = new ArrayList<>();
        if (node.isArray()) node.forEach(elements::add);
        else elements.add(node);
        ClientMessageParser parser = new ClientMessageParser(mapper);
        List<String> texts = new ArrayList<>(elements.size());
        ApiException forbidden = null, tooLarge = null, malformed = null;
        for (int i = 0; i < elements.size(); i++) {
            String text = elements.get(i).toString();
            if (text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
                if (tooLarge == null) tooLarge = new ApiException(413, ErrorCode.TOO_LARGE,
                        "message " + i + ": messages are limited to " + maxMessageBytes + " bytes");
                continue;
            }
            try {
                ClientMessage message = parser.parse(text);
                if (viewer && !ViewerRule.allows(message) && forbidden == null) {
                    forbidden = new ApiException(403, ErrorCode.FORBIDDEN, "message " + i + ": this is a view-only link");
                }
            } catch (ProtocolException e) {
                if (e.code() == ErrorCode.TOO_LARGE) {
                    if (tooLarge == null) tooLarge = new ApiException(413, e.code(), "message " + i + ": " + e.getMessage());
                } else if (malformed == null) {
                    malformed = new ApiException(400, e.code(), "message " + i + ": " + e.getMessage());
                }
            }
            texts.add(text);
        }
        if (forbidden != null) throw forbidden;
        if (tooLarge != null) throw tooLarge;
        if (malformed != null) throw malformed;
        return texts;
    }
}
