package io.mediausage.collector.simulator;

/** A Tencent Cloud API 3.0 error: answered as HTTP 200 {"Response":{"Error":{Code,Message},"RequestId"}}. */
final class TencentError extends RuntimeException {
    final String code;

    TencentError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static TencentError invalidValue(String code, String param, String why) {
        return new TencentError(code, "The value of parameter `" + param + "` is invalid: " + why);
    }

    static TencentError missing(String param) {
        return new TencentError("MissingParameter", "The request is missing a required parameter `" + param + "`.");
    }
}
