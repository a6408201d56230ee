package dev.tandem.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {

    @Test
    void leavesTextWithoutLoneSurrogatesAlone() {
        String json = "{\"text\":\"héllo 😀\"}";
        assertThat(JsonText.escapeLoneSurrogates(json)).isSameAs(json);
    }

    @Test
    void loneSurrogatesSurviveAUtf8RoundTripOnceEscaped() throws Exception {
        String text = "a\ud83d|\ude00b😀\ud83d";
        String json = new ObjectMapper().writeValueAsString(text);

        String escaped = JsonText.escapeLoneSurrogates(json);
        String overTheWire = new String(escaped.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(escaped).isEqualTo("\"a\\ud83d|\\ude00b😀\\ud83d\"");
        assertThat(new ObjectMapper().readValue(overTheWire, String.class)).isEqualTo(text);
    }
}
