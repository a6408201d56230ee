package dev.tandem.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /q/openapi} describes the whole REST API: the test lists every JAX-RS resource method in the
 * compiled classes and compares; every operation has an example and the error body as its default answer.
 * Swagger UI is served.
 */
@QuarkusTest
class ApiDocumentTest {

    @Test
    void openApiCoversEveryJaxRsOperationWithAnExampleAndTheErrorShape() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        Set<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
            path.getValue().fields().forEachRemaining(op -> {
                String name = op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                JsonNode error = op.getValue().path("responses").path("default").path("content").path("application/json").path("schema");
                assertThat(error.path("$ref").asText()).as("%s: the error body as default answer", name).endsWith("/Error");
                boolean noBody = op.getValue().path("responses").has("204");
                assertThat(noBody || op.getValue().toString().contains("\"example\"")).as("%s: an example", name).isTrue();
            });
        }
        assertThat(documented).isEqualTo(jaxRsOperations());
        JsonNode error = doc.path("components").path("schemas").path("Error").path("properties");
        assertThat(error.has("error") && error.has("message")).as("Error schema {error, message}").isTrue();
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    /** "METHOD /path" of every resource method of every @Path class under dev.tandem, from the class files. */
    static Set<String> jaxRsOperations() throws IOException, ClassNotFoundException {
        java.nio.file.Path root = java.nio.file.Path.of("target/classes");
        Set<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root.resolve("dev/tandem"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ApiDocumentTest.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null) continue;
                // Resource methods a kind of resource shares are declared once in its superclass (JobEventsResource).
                List<Method> methods = new ArrayList<>();
                for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) methods.addAll(List.of(c.getDeclaredMethods()));
                for (Method m : methods) {
                    String verb = verb(m);
                    if (verb == null) continue;
                    Path sub = m.getAnnotation(Path.class);
                    operations.add(verb + " " + join(base.value(), sub == null ? "" : sub.value()));
                }
            }
        }
        assertThat(operations).as("resource methods found").hasSizeGreaterThan(10);
        return operations;
    }

    private static String verb(Method m) {
        if (m.isAnnotationPresent(GET.class)) return "GET";
        if (m.isAnnotationPresent(POST.class)) return "POST";
        if (m.isAnnotationPresent(DELETE.class)) return "DELETE";
        if (m.isAnnotationPresent(PUT.class)) return "PUT";
        return null;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
