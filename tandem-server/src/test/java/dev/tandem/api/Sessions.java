package dev.tandem.api;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;

/** Test helper: sessions created and read over the REST API. */
public final class Sessions {
    private Sessions() {}

    public static String create(String content) {
        return given().contentType(ContentType.JSON)
                .body("{\"language\":\"python\",\"content\":" + quote(content) + "}")
                .post("/api/sessions").then().statusCode(201).extract().path("id");
    }

    public static String content(String id) {
        return given().get("/api/sessions/" + id).then().statusCode(200).extract().path("content");
    }

    public static int version(String id) {
        return given().get("/api/sessions/" + id).then().statusCode(200).extract().path("version");
    }

    static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
