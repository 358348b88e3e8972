package io.mediausage.collector.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful answer and the cloud's id for the request that produced it. */
public record ApiResponse(JsonNode body, String requestId) {
}
