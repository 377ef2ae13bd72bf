package dev.keywarden.remediation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * IAM and STS (Query protocol, XML answers) and Secrets Manager (JSON 1.1) on one port, as botocore's models and AWS's
 * documentation describe them: two access keys per user ({@code LimitExceeded}, 409), key status, {@code NoSuchEntity}
 * (404), the caller's credential scope checked on every request ({@code InvalidClientTokenId}, or
 * {@code ExpiredToken} once the test expires it); Secrets Manager versions with staging labels and
 * {@code ClientRequestToken} idempotency ({@code ResourceExistsException} for a reused token with another value).
 */
public final class FakeAws extends FakeServer {
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** One IAM access key. */
    public record Key(String user, String id, String secret, String status, Instant created) {
        Key withStatus(String s) {
            return new Key(user, id, secret, s, created);
        }
    }

    private record Version(String id, String value, List<String> stages) {
    }

    private final String operatorKeyId;
    private final String account;
    private final Supplier<String[]> newKeys;
    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<String, List<Version>> secrets = new LinkedHashMap<>();
    private boolean expired;

    /**
     * @param operatorKeyId the key id the operator's requests must be signed with
     * @param newKeys       makes the {id, secret} pairs CreateAccessKey hands out
     */
    public FakeAws(String operatorKeyId, String account, Supplier<String[]> newKeys) {
        this.operatorKeyId = operatorKeyId;
        this.account = account;
        this.newKeys = newKeys;
    }

    public synchronized FakeAws key(String user, String id, String secret) {
        keys.put(id, new Key(user, id, secret, "Active", Instant.parse("2026-01-01T00:00:00Z")));
        return this;
    }

    public synchronized Map<String, Key> keys() {
        return Map.copyOf(keys);
    }

    public synchronized FakeAws secret(String name, String value) {
        secrets.put(name, new ArrayList<>(List.of(new Version("v1", value, new ArrayList<>(List.of("AWSCURRENT"))))));
        return this;
    }

    private final Map<String, Integer> rotations = new LinkedHashMap<>();

    /** The secret has a rotation function, which the fake runs at once (a new AWSCURRENT version). */
    public synchronized FakeAws rotation(String name) {
        rotations.put(name, 0);
        return this;
    }

    public synchronized int rotated(String name) {
        return rotations.getOrDefault(name, 0);
    }

    /** The secret's current value. */
    public synchronized String current(String name) {
        return secrets.get(name).stream().filter(v -> v.stages().contains("AWSCURRENT")).findFirst().orElseThrow()
                .value();
    }

    public synchronized int versions(String name) {
        return secrets.get(name).size();
    }

    /** From now on the operator's credentials are expired. */
    public synchronized void expireCredentials() {
        expired = true;
    }

    @Override
    protected Reply handle(Request r) {
        String id = nextRequestId();
        String auth = r.header("Authorization");
        String target = r.header("X-Amz-Target");
        boolean json = target != null && target.startsWith("secretsmanager.");
        if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256 Credential=" + operatorKeyId + "/")) {
            return json ? jsonError(400, "UnrecognizedClientException", "The security token included in the request "
                    + "is invalid.", id) : xmlError(403, "InvalidClientTokenId", "The security token included in the "
                    + "request is invalid.", id);
        }
        if (expired) {
            return json ? jsonError(400, "ExpiredTokenException", "The security token included in the request is "
                    + "expired", id) : xmlError(403, "ExpiredToken", "The security token included in the request is "
                    + "expired", id);
        }
        if (json) {
            return secretsManager(target.substring("secretsmanager.".length()), r.json(), id);
        }
        Map<String, String> form = r.form();
        String action = form.getOrDefault("Action", "");
        String scope = auth.substring(auth.indexOf('/') + 1);
        String service = scope.split("/")[2];
        if (!service.equals(action.equals("GetAccessKeyInfo") ? "sts" : "iam")) {
            return xmlError(403, "SignatureDoesNotMatch", "Credential should be scoped to the right service", id);
        }
        return switch (action) {
            case "GetAccessKeyInfo" -> xml("GetAccessKeyInfo", STS_NS, "<Account>" + account + "</Account>", id);
            case "GetAccessKeyLastUsed" -> {
                Key k = keys.get(form.get("AccessKeyId"));
                if (k == null) {
                    yield xmlError(404, "NoSuchEntity", "The Access Key with id " + form.get("AccessKeyId")
                            + " cannot be found", id);
                }
                yield xml(action, IAM_NS, "<UserName>" + k.user() + "</UserName><AccessKeyLastUsed><LastUsedDate>"
                        + "2026-11-28T09:00:00Z</LastUsedDate><ServiceName>s3</ServiceName><Region>eu-west-1"
                        + "</Region></AccessKeyLastUsed>", id);
            }
            case "ListAccessKeys" -> {
                StringBuilder members = new StringBuilder();
                for (Key k : keys.values()) {
                    if (k.user().equals(form.get("UserName"))) {
                        members.append("<member><UserName>").append(k.user()).append("</UserName><AccessKeyId>")
                                .append(k.id()).append("</AccessKeyId><Status>").append(k.status())
                                .append("</Status><CreateDate>").append(k.created()).append("</CreateDate></member>");
                    }
                }
                yield xml(action, IAM_NS, "<AccessKeyMetadata>" + members + "</AccessKeyMetadata><IsTruncated>false"
                        + "</IsTruncated>", id);
            }
            case "UpdateAccessKey" -> {
                Key k = keys.get(form.get("AccessKeyId"));
                if (k == null || !k.user().equals(form.get("UserName"))) {
                    yield xmlError(404, "NoSuchEntity", "The Access Key cannot be found", id);
                }
                keys.put(k.id(), k.withStatus(form.get("Status")));
                yield xml(action, IAM_NS, null, id);
            }
            case "DeleteAccessKey" -> {
                Key k = keys.get(form.get("AccessKeyId"));
                if (k == null || !k.user().equals(form.get("UserName"))) {
                    yield xmlError(404, "NoSuchEntity", "The Access Key cannot be found", id);
                }
                keys.remove(k.id());
                yield xml(action, IAM_NS, null, id);
            }
            case "CreateAccessKey" -> {
                String user = form.get("UserName");
                if (keys.values().stream().filter(k -> k.user().equals(user)).count() >= 2) {
                    yield xmlError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: 2", id);
                }
                String[] pair = newKeys.get();
                Key k = new Key(user, pair[0], pair[1], "Active", Instant.parse("2026-11-29T10:00:00Z"));
                keys.put(k.id(), k);
                yield xml(action, IAM_NS, "<AccessKey><UserName>" + user + "</UserName><AccessKeyId>" + k.id()
                        + "</AccessKeyId><Status>Active</Status><SecretAccessKey>" + k.secret()
                        + "</SecretAccessKey><CreateDate>" + k.created() + "</CreateDate></AccessKey>", id);
            }
            default -> xmlError(400, "InvalidAction", "Could not find operation " + action, id);
        };
    }

    private Reply secretsManager(String op, JsonNode body, String id) {
        String name = body.path("SecretId").asText();
        List<Version> versions = secrets.get(name);
        if (versions == null) {
            return jsonError(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.",
                    id);
        }
        String arn = "arn:aws:secretsmanager:us-east-1:" + account + ":secret:" + name + "-a1b2c3";
        switch (op) {
            case "DescribeSecret" -> {
                Map<String, Object> stages = new LinkedHashMap<>();
                versions.forEach(v -> stages.put(v.id(), v.stages()));
                return jsonReply(Map.of("ARN", arn, "Name", name, "RotationEnabled", rotations.containsKey(name),
                        "LastChangedDate",
                        1764400000.5, "VersionIdsToStages", stages), id);
            }
            case "GetSecretValue" -> {
                Version v = versions.stream().filter(x -> x.stages().contains("AWSCURRENT")).findFirst().orElseThrow();
                return jsonReply(Map.of("ARN", arn, "Name", name, "VersionId", v.id(), "SecretString", v.value(),
                        "VersionStages", v.stages(), "CreatedDate", 1764400000.5), id);
            }
            case "RotateSecret" -> {
                if (!rotations.containsKey(name)) {
                    return jsonError(400, "InvalidRequestException", "No Lambda rotation function ARN is associated "
                            + "with this secret.", id);
                }
                String token = body.path("ClientRequestToken").asText();
                if (versions.stream().noneMatch(v -> v.id().equals(token))) {
                    rotations.merge(name, 1, Integer::sum);
                    for (Version v : versions) {
                        v.stages().remove("AWSPREVIOUS");
                        if (v.stages().remove("AWSCURRENT")) {
                            v.stages().add("AWSPREVIOUS");
                        }
                    }
                    versions.add(new Version(token, "rotated " + rotations.get(name), new ArrayList<>(
                            List.of("AWSCURRENT"))));
                }
                return jsonReply(Map.of("ARN", arn, "Name", name, "VersionId", token), id);
            }
            case "PutSecretValue" -> {
                String token = body.path("ClientRequestToken").asText();
                String value = body.path("SecretString").asText();
                if (token.length() < 32 || token.length() > 64) {
                    return jsonError(400, "InvalidParameterException", "ClientRequestToken must be 32 to 64 "
                            + "characters", id);
                }
                for (Version v : versions) {
                    if (v.id().equals(token)) {
                        if (v.value().equals(value)) {
                            return jsonReply(Map.of("ARN", arn, "Name", name, "VersionId", token, "VersionStages",
                                    v.stages()), id);
                        }
                        return jsonError(400, "ResourceExistsException", "A resource with the ID you requested "
                                + "already exists.", id);
                    }
                }
                for (Version v : versions) {
                    v.stages().remove("AWSPREVIOUS");
                    if (v.stages().remove("AWSCURRENT")) {
                        v.stages().add("AWSPREVIOUS");
                    }
                }
                versions.add(new Version(token, value, new ArrayList<>(List.of("AWSCURRENT"))));
                return jsonReply(Map.of("ARN", arn, "Name", name, "VersionId", token, "VersionStages",
                        List.of("AWSCURRENT")), id);
            }
            default -> {
                return jsonError(400, "InvalidAction", op, id);
            }
        }
    }

    private static Reply xml(String action, String ns, String result, String id) {
        String body = "<" + action + "Response xmlns=\"" + ns + "\">" + (result == null ? "" : "<" + action
                + "Result>" + result + "</" + action + "Result>") + "<ResponseMetadata><RequestId>" + id
                + "</RequestId></ResponseMetadata></" + action + "Response>";
        return new Reply(200, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", id), body);
    }

    private static Reply xmlError(int status, String code, String message, String id) {
        String body = "<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>" + id + "</RequestId></ErrorResponse>";
        return new Reply(status, Map.of("Content-Type", "text/xml", "x-amzn-RequestId", id), body);
    }

    private static Reply jsonReply(Object body, String id) {
        return Reply.json(200, body).with("x-amzn-RequestId", id).with("Content-Type", "application/x-amz-json-1.1");
    }

    private static Reply jsonError(int status, String type, String message, String id) {
        return Reply.json(status, Map.of("__type", type, "Message", message)).with("x-amzn-RequestId", id);
    }
}
