package io.mediausage.collector.simulator;

/** A Huawei Cloud error: 4xx/5xx with {"error_code","error_msg"} (gateway errors add "request_id"). */
final class HuaweiError extends RuntimeException {
    final int status;
    final String code;
    final boolean gateway;

    HuaweiError(int status, String code, String message, boolean gateway) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.gateway = gateway;
    }

    /** 400 LIVE.100011001 "Invalid request parameter: name", as documented in doc 004. */
    static HuaweiError invalidParam(String name) {
        return new HuaweiError(400, "LIVE.100011001", "Invalid request parameter: " + name, false);
    }

    /** 401 APIGW.0301 (gateway authentication failure). */
    static HuaweiError auth(String detail) {
        return new HuaweiError(401, CloudApiSimulator.HUAWEI_AUTH_ERROR,
                "Incorrect IAM authentication information: " + detail, true);
    }
}
