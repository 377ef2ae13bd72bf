package dev.keywarden.remediation.aws;

import dev.keywarden.remediation.ConnectorException;
import dev.keywarden.remediation.ConnectorSettings;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * What the AWS connectors share: SDK v2 clients over the JDK's {@code HttpURLConnection}, the operator's
 * credentials from the environment ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code AWS_SESSION_TOKEN}) or else the SDK's default chain (profiles, SSO, container and instance roles), never
 * from the config file; no SDK retries (the executor retries only what is safe to repeat); and the mapping of AWS
 * errors to {@link ConnectorException}s that carry the request id.
 */
public final class AwsSdk {
    private AwsSdk() {
    }

    /** Region, endpoint override and credentials for one client. */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            ConnectorSettings settings, String endpointKey, String defaultRegion) throws ConnectorException {
        String region = settings.option("region").or(() -> settings.env("AWS_REGION"))
                .or(() -> settings.env("AWS_DEFAULT_REGION")).orElse(defaultRegion);
        builder.region(Region.of(region)).credentialsProvider(credentials(settings))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(settings.timeout()));
        builder.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(settings.timeout())
                .socketTimeout(settings.timeout()));
        Optional<String> endpoint = settings.option(endpointKey);
        if (endpoint.isPresent()) {
            builder.endpointOverride(URI.create(settings.endpoint(endpointKey, endpoint.get()).toString()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(ConnectorSettings settings) {
        Optional<String> id = settings.env("AWS_ACCESS_KEY_ID");
        Optional<String> secret = settings.env("AWS_SECRET_ACCESS_KEY");
        if (id.isPresent() && secret.isPresent()) {
            Optional<String> session = settings.env("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session.isPresent()
                    ? AwsSessionCredentials.create(id.get(), secret.get(), session.get())
                    : AwsBasicCredentials.create(id.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** An SDK failure as a connector failure: the AWS error code and request id, never a request body. */
    public static ConnectorException failure(String what, SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
            String message = s.awsErrorDetails() == null || s.awsErrorDetails().errorMessage() == null ? ""
                    : ": " + s.awsErrorDetails().errorMessage();
            return new ConnectorException(kind(code, s.statusCode()), what + " failed: " + code + " (HTTP "
                    + s.statusCode() + ")" + message, Optional.ofNullable(s.requestId()));
        }
        if (e instanceof SdkClientException && e.getMessage() != null && e.getMessage().contains("credentials")) {
            return new ConnectorException(ConnectorException.Kind.AUTH, what + ": no AWS credentials: set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE)");
        }
        Throwable cause = e.getCause();
        while (cause != null && cause.getCause() != null && !(cause instanceof java.net.ConnectException)
                && !(cause instanceof java.net.UnknownHostException)) {
            cause = cause.getCause();
        }
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException) {
            return new ConnectorException(ConnectorException.Kind.UNREACHABLE, what + ": cannot connect ("
                    + cause.getClass().getSimpleName() + ")");
        }
        return new ConnectorException(ConnectorException.Kind.NETWORK, what + ": " + (e.getCause() == null
                ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName())
                + " (connection failed)");
    }

    static ConnectorException.Kind kind(String code, int status) {
        return switch (code) {
            case "NoSuchEntity", "ResourceNotFoundException" -> ConnectorException.Kind.NOT_FOUND;
            case "LimitExceeded", "LimitExceededException", "ResourceExistsException", "EntityAlreadyExists",
                    "InvalidRequestException" ->
                    ConnectorException.Kind.CONFLICT;
            case "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException" ->
                    ConnectorException.Kind.THROTTLED;
            case "InvalidClientTokenId", "ExpiredToken", "ExpiredTokenException", "SignatureDoesNotMatch",
                    "UnrecognizedClientException", "InvalidAccessKeyId" -> ConnectorException.Kind.AUTH;
            case "AccessDenied", "AccessDeniedException" -> ConnectorException.Kind.FORBIDDEN;
            default -> ConnectorException.kindOf(status);
        };
    }
}
