package dev.keywarden.remediation;

import java.util.Optional;

/**
 * A provider call failed. The kind says whether retrying can help and whether the change may have happened anyway
 * ({@link Kind#NETWORK}: the connection dropped after the request may have arrived). Messages name the provider's
 * error code and status, never a secret or a request body.
 */
public final class ConnectorException extends Exception {
    public enum Kind {
        /** 401, expired or invalid credentials (ours, or the leaked one's) */
        AUTH,
        /** 403 */
        FORBIDDEN,
        NOT_FOUND,
        /** 409, check-and-set mismatch, limit reached */
        CONFLICT,
        /** 429, 503, a provider's Throttling code: retry later */
        THROTTLED,
        /** connection reset or timed out after the request was sent: its outcome is unknown */
        NETWORK,
        /** connection refused, unknown host, connect timeout: the request never left, nothing changed */
        UNREACHABLE,
        /** 5xx */
        SERVER,
        /** any other refusal (400, 422) */
        REJECTED,
        /** the connector or its configuration cannot do this */
        UNSUPPORTED
    }

    private final Kind kind;
    private final Optional<String> requestId;

    public ConnectorException(Kind kind, String message, Optional<String> requestId) {
        super(message);
        this.kind = kind;
        this.requestId = requestId;
    }

    public ConnectorException(Kind kind, String message) {
        this(kind, message, Optional.empty());
    }

    public static ConnectorException unsupported(String message) {
        return new ConnectorException(Kind.UNSUPPORTED, message);
    }

    /** The kind an HTTP status stands for. */
    public static Kind kindOf(int status) {
        return switch (status) {
            case 401 -> Kind.AUTH;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 429, 503 -> Kind.THROTTLED;
            default -> status >= 500 ? Kind.SERVER : Kind.REJECTED;
        };
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> requestId() {
        return requestId;
    }

    /** Worth another attempt if the operation is safe to repeat. */
    public boolean transientFailure() {
        return kind == Kind.THROTTLED || kind == Kind.NETWORK || kind == Kind.UNREACHABLE || kind == Kind.SERVER;
    }
}
