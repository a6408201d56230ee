package dev.tandem.api.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import java.util.Map;

/**
 * Completes the OpenAPI document that SmallRye derives from the JAX-RS resources, without annotating them:
 * the error body every REST error uses (schema {@code Error}, as the {@code default} response of every
 * operation) and one example per operation from {@link ApiExamples}. Registered with {@code mp.openapi.filter}.
 */
public class ApiDocumentFilter implements OASFilter {
    static final String ERROR_SCHEMA = "Error";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        api.info(OASFactory.createInfo().title("Tandem REST API").version("1.1")
                .description("Sessions, runs, problems and submissions of Tandem (docs/protocol.md). The session "
                        + "socket is described in docs/asyncapi.yaml. Every error answers the Error body."));
        if (api.getComponents() == null) api.components(OASFactory.createComponents());
        api.getComponents().addSchema(ERROR_SCHEMA, OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("The body of every REST error")
                .addProperty("error", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))
                        .description("the error code, e.g. NOT_FOUND, UNKNOWN_LANGUAGE, TOO_LARGE, RATE_LIMITED, QUEUE_FULL"))
                .addProperty("message", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))
                        .description("what went wrong, for people"))
                .example(Map.of("error", "NOT_FOUND", "message", "session does not exist")));
        if (api.getPaths() == null) return;
        api.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> complete(method, path, operation)));
    }

    private static void complete(PathItem.HttpMethod method, String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.responses(responses);
        }
        responses.addAPIResponse("default", OASFactory.createAPIResponse().description("an error (4xx or 5xx)")
                .content(json(OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)))));
        ApiExamples.Example example = ApiExamples.FOR.get(method + " " + path);
        if (example == null) return;
        if (example.request() != null && operation.getRequestBody() != null) {
            mediaType(operation.getRequestBody().getContent(), "application/json").example(example.request());
        }
        APIResponse success = responses.getAPIResponse(example.status());
        if (success == null) {
            success = OASFactory.createAPIResponse().description(example.description());
            responses.addAPIResponse(example.status(), success);
        }
        if (example.response() == null) return; // 204: no body
        if (success.getContent() == null) success.content(OASFactory.createContent());
        mediaType(success.getContent(), example.mediaType()).example(example.response());
    }

    /** A media type of a content, created when the scan left none. */
    private static MediaType mediaType(Content content, String name) {
        MediaType type = content.getMediaType(name);
        if (type == null) {
            type = OASFactory.createMediaType();
            content.addMediaType(name, type);
        }
        return type;
    }

    private static Content json(MediaType type) {
        return OASFactory.createContent().addMediaType("application/json", type);
    }
}
