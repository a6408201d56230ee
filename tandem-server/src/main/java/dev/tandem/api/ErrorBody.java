package dev.tandem.api;

/** The body of every REST error. */
public record ErrorBody(String error, String message) {}
