package io.theeye.query.rest;

/**
 * The example bodies the OpenAPI document shows for every endpoint (and Swagger UI with it); the
 * answers every endpoint shares (401, 403, 404) are components in META-INF/openapi.yaml.
 */
final class ApiExamples {

    static final String EVENT_PAGE = """
            {"events": [{"event_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f71",
              "application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70",
              "session_id": "e2085be5-9137-4e4e-80b5-f1ffddc25423", "category": "page interaction",
              "name": "pageview", "data": {"host": "www.example.com", "path": "/"},
              "timestamp": "2021-01-01T09:15:27.243860Z", "received_at": "2021-01-01T09:15:27.512000Z",
              "schema_version": 1}],
             "next_cursor": "MTYwOTQ5MjkyNzoyNDM4NjAwMDA6Mzox"}""";

    static final String SESSION_TIMELINE = """
            {"session_id": "e2085be5-9137-4e4e-80b5-f1ffddc25423", "count": 3,
             "first_at": "2021-01-01T09:15:27.243860Z", "last_at": "2021-01-01T09:15:27.243860Z",
             "events": [{"event_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f71",
               "application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70",
               "session_id": "e2085be5-9137-4e4e-80b5-f1ffddc25423", "category": "page interaction",
               "name": "pageview", "data": {"host": "www.example.com", "path": "/"},
               "timestamp": "2021-01-01T09:15:27.243860Z", "received_at": "2021-01-01T09:15:27.512000Z",
               "schema_version": 1}],
             "next_cursor": null}""";

    static final String STATS = """
            {"from": "2021-01-01T09:00:00Z", "to": "2021-01-01T11:00:00Z", "bucket": "hour",
             "group_by": "category", "clock": "event", "totals": {"valid": 1290, "invalid": 17},
             "buckets": [
               {"start": "2021-01-01T09:00:00Z", "category": "form interaction", "valid": 120, "invalid": 9},
               {"start": "2021-01-01T09:00:00Z", "category": "page interaction", "valid": 530, "invalid": 3},
               {"start": "2021-01-01T10:00:00Z", "category": "page interaction", "valid": 640, "invalid": 5}]}""";

    static final String INVALID_EVENT = """
            {"event_id": "0192e7a0-9b1c-7d3e-9f10-2b7c4d5e6f72",
             "application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70",
             "received_at": "2021-01-01T09:15:28.000000Z", "validated_at": "2021-01-01T09:15:28.120000Z",
             "timestamp": "2021-01-01T09:15:27.243860Z", "counted_at": "2021-01-01T09:15:27.243860Z",
             "category": "page interaction", "name": "pageview", "error_codes": ["schema_violation"],
             "errors": [{"code": "schema_violation", "path": "/data/path",
                         "message": "required property 'path' not found"}],
             "payload": {"session_id": "e2085be5-9137-4e4e-80b5-f1ffddc25423", "category": "page interaction",
                         "name": "pageview", "data": {"host": "www.example.com"},
                         "timestamp": "2021-01-01 09:15:27.243860"},
             "raw_text": null, "replay_status": "pending", "replayed_at": null}""";

    static final String INVALID_PAGE = "{\"events\": [" + INVALID_EVENT + "], \"next_cursor\": null}";

    static final String INVALID_SUMMARY = """
            {"from": "2021-01-01T00:00:00Z", "to": "2021-01-02T00:00:00Z", "clock": "event", "total": 17,
             "by_code": [
               {"code": "schema_violation", "events": 12, "sample_event_ids": ["0192e7a0-9b1c-7d3e-9f10-2b7c4d5e6f72"]},
               {"code": "invalid_timestamp", "events": 5, "sample_event_ids": ["0192e7a0-9c2d-7d3e-9f10-2b7c4d5e6f73"]}],
             "by_event_type": [
               {"category": "page interaction", "name": "pageview", "events": 12,
                "sample_event_ids": ["0192e7a0-9b1c-7d3e-9f10-2b7c4d5e6f72"]},
               {"category": "form interaction", "name": "submit", "events": 5,
                "sample_event_ids": ["0192e7a0-9c2d-7d3e-9f10-2b7c4d5e6f73"]}]}""";

    static final String OVERVIEW = """
            {"generated_at": "2021-01-01T10:14:31.402000Z", "clock": "arrival",
             "last_hour": {"from": "2021-01-01T09:15:00Z", "to": "2021-01-01T10:15:00Z", "step": "minute",
               "totals": {"valid": 11750, "invalid": 610, "invalid_share": 0.0494},
               "steps": [{"start": "2021-01-01T09:15:00Z", "valid": 198, "invalid": 9}]},
             "last_day": {"from": "2020-12-31T10:15:00Z", "to": "2021-01-01T10:15:00Z", "step": "hour",
               "totals": {"valid": 281400, "invalid": 3050, "invalid_share": 0.0107},
               "steps": [{"start": "2020-12-31T10:15:00Z", "valid": 11620, "invalid": 95}]},
             "applications": [{"application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70", "name": "demo-shop",
               "status": "active", "last_hour": {"valid": 11750, "invalid": 610, "invalid_share": 0.0494},
               "previous_hour": {"valid": 11900, "invalid": 120, "invalid_share": 0.01},
               "last_day": {"valid": 281400, "invalid": 3050, "invalid_share": 0.0107},
               "invalid_share_by_hour": [0.01, null, 0.0494], "last_event_at": "2021-01-01T10:14:00Z",
               "open_incidents": ["invalid_share"]}],
             "incidents": [{"id": 7, "kind": "invalid_share",
               "application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70", "application_name": "demo-shop",
               "opened_at": "2021-01-01T10:02:00.120000Z", "closed_at": null, "value": 0.081, "closed_value": null}]}""";

    static final String REGISTERED = """
            {"application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70", "name": "demo-shop",
             "key": "eye_3fJk9QmZr2LxVb7NcT1pWd8YhA0sEgUo", "key_prefix": "eye_3fJk9QmZ",
             "created_at": "2021-01-01T08:00:00.000000Z"}""";

    static final String ROTATED = """
            {"application_id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70", "name": "demo-shop",
             "key": "eye_Q7wE2rT9yU4iO1pA6sD3fG8hJ5kL0zXc", "key_prefix": "eye_Q7wE2rT9",
             "created_at": "2021-02-01T08:00:00.000000Z", "previous_keys_expire_at": "2021-02-02T08:00:00.000000Z"}""";

    static final String APPLICATION = """
            {"id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70", "name": "demo-shop", "status": "active",
             "created_at": "2021-01-01T08:00:00.000000Z", "disabled_at": null,
             "keys": [{"prefix": "eye_Q7wE2rT9", "created_at": "2021-02-01T08:00:00.000000Z",
                       "expires_at": null, "status": "active"},
                      {"prefix": "eye_3fJk9QmZ", "created_at": "2021-01-01T08:00:00.000000Z",
                       "expires_at": "2021-02-02T08:00:00.000000Z", "status": "expiring"}]}""";

    static final String APPLICATIONS = "{\"applications\": [" + APPLICATION + "]}";

    static final String DISABLED = """
            {"id": "0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70", "name": "demo-shop", "status": "disabled",
             "created_at": "2021-01-01T08:00:00.000000Z", "disabled_at": "2021-03-01T08:00:00.000000Z",
             "keys": [{"prefix": "eye_3fJk9QmZ", "created_at": "2021-01-01T08:00:00.000000Z",
                       "expires_at": null, "status": "active"}]}""";

    static final String EVENT_TYPES = """
            {"event_types": [
              {"category": "form interaction", "name": "submit", "current_version": 1,
               "versions": [{"version": 1, "status": "active", "created_at": "2021-01-01T00:00:00.000000Z"}]},
              {"category": "page interaction", "name": "pageview", "current_version": 2,
               "versions": [{"version": 2, "status": "active", "created_at": "2021-02-01T00:00:00.000000Z"},
                            {"version": 1, "status": "active", "created_at": "2021-01-01T00:00:00.000000Z"}]}]}""";

    static final String EVENT_TYPE = """
            {"category": "page interaction", "name": "pageview", "current_version": 1,
             "versions": [{"version": 1, "status": "active", "created_at": "2021-01-01T00:00:00.000000Z",
               "schema": {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                          "required": ["host", "path"],
                          "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"}}}}]}""";

    static final String SCHEMA_REQUEST = """
            {"schema": {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                        "required": ["host", "path"],
                        "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"},
                                       "referrer": {"type": "string"}}}}""";

    static final String SCHEMA_REGISTERED = """
            {"category": "page interaction", "name": "pageview", "version": 2, "status": "active",
             "created_at": "2021-02-01T00:00:00.000000Z", "created": true, "compared_with": 1, "forced": false,
             "schema": {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                        "required": ["host", "path"],
                        "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"},
                                       "referrer": {"type": "string"}}}}""";

    static final String SCHEMA_UNCHANGED = """
            {"category": "page interaction", "name": "pageview", "version": 1, "status": "active",
             "created_at": "2021-01-01T00:00:00.000000Z", "created": false, "forced": false,
             "schema": {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                        "required": ["host", "path"],
                        "properties": {"host": {"type": "string", "minLength": 1}, "path": {"type": "string"}}}}""";

    static final String SCHEMA_INVALID = """
            {"type": "https://theeye.io/problems/invalid_schema", "title": "Invalid schema", "status": 400,
             "detail": "schema: not a usable JSON Schema (draft 2020-12) for event data; see errors",
             "code": "invalid_schema",
             "errors": [{"path": "/properties/path/type",
                         "message": "does not have a value in the enumeration [\\"array\\", \\"boolean\\", \\"integer\\", \\"null\\", \\"number\\", \\"object\\", \\"string\\"]"}]}""";

    static final String SCHEMA_INCOMPATIBLE = """
            {"type": "https://theeye.io/problems/incompatible_schema", "title": "Incompatible schema", "status": 409,
             "detail": "schema: could refuse events that version 1 accepts (2 reasons in errors); fix it, or register it anyway with force=true",
             "code": "incompatible_schema",
             "errors": [
               {"rule": "required_added", "path": "/required",
                "message": "property 'referrer' is now required: events without it would be refused"},
               {"rule": "type_changed", "path": "/properties/path/type",
                "message": "type was string, now integer: string values would be refused"}]}""";

    static final String LIMIT_PROBLEM = """
            {"type": "https://theeye.io/problems/invalid_parameter", "title": "Invalid parameter", "status": 400,
             "detail": "limit: must be a whole number from 1 to 1000", "code": "invalid_parameter"}""";

    static final String UUID_PROBLEM = """
            {"type": "https://theeye.io/problems/invalid_parameter", "title": "Invalid parameter", "status": 400,
             "detail": "id: must be a UUID", "code": "invalid_parameter"}""";

    static final String ORDER_PROBLEM = """
            {"type": "https://theeye.io/problems/invalid_parameter", "title": "Invalid parameter", "status": 400,
             "detail": "from: must be before 'to'", "code": "invalid_parameter"}""";

    static final String STATS_RANGE_PROBLEM = """
            {"type": "https://theeye.io/problems/invalid_parameter", "title": "Invalid parameter", "status": 400,
             "detail": "from: with bucket=hour the range from 'from' to 'to' may span at most 31 days; ask for a shorter range or bucket=day",
             "code": "invalid_parameter"}""";

    static final String NAME_PROBLEM = """
            {"type": "https://theeye.io/problems/invalid_parameter", "title": "Invalid parameter", "status": 400,
             "detail": "name: must be 1 to 100 characters: letters, digits, space, '.', '_' or '-', starting with a letter or digit",
             "code": "invalid_parameter"}""";

    static final String NAME_TAKEN = """
            {"type": "https://theeye.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "an application named 'demo-shop' exists already", "code": "conflict"}""";

    static final String DISABLED_CONFLICT = """
            {"type": "https://theeye.io/problems/conflict", "title": "Conflict", "status": 409,
             "detail": "application 0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70 is disabled: it gets no new key",
             "code": "conflict"}""";

    static final String LIVE_STREAM = """
            event: status
            retry: 3000
            data: {"resumed":null,"viewers":1,"max_viewers":20}

            id: eye.events.valid:4:1234
            event: valid
            data: {"schema":"eye.valid/1","event_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f71","application_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70","session_id":"e2085be5-9137-4e4e-80b5-f1ffddc25423","category":"page interaction","name":"pageview","data":{"host":"www.example.com","path":"/"},"occurred_at":"2021-01-01T09:15:27.243860Z","corrected_at":null,"received_at":"2021-01-01T09:15:27.512Z","schema_version":1,"kafka_partition":4,"kafka_offset":1234}

            id: eye.events.invalid:1:88
            event: invalid
            data: {"event_id":"0192e7a0-9b1c-7d3e-9f10-2b7c4d5e6f72","application_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70","received_at":"2021-01-01T09:15:28Z","payload":{"session_id":"e2085be5-9137-4e4e-80b5-f1ffddc25423","category":"page interaction","name":"pageview","data":{"host":"www.example.com"},"timestamp":"2021-01-01 09:15:27.243860"},"errors":[{"code":"schema_violation","path":"/data/path","message":"required property 'path' not found"}],"validated_at":"2021-01-01T09:15:28.120Z"}

            :heartbeat

            event: dropped
            data: {"reason":"slow","detail":"this stream fell 500 events behind and was ended; reconnect, ideally with narrower filters"}
            """;

    static final String EXPORT_NDJSON = """
            {"event_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f71","application_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70","session_id":"e2085be5-9137-4e4e-80b5-f1ffddc25423","category":"page interaction","name":"pageview","data":{"host": "www.example.com", "path": "/"},"timestamp":"2021-01-01T09:15:27.243860Z","received_at":"2021-01-01T09:15:27.512Z","schema_version":1}
            {"event_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f73","application_id":"0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70","session_id":"e2085be5-9137-4e4e-80b5-f1ffddc25423","category":"page interaction","name":"cta click","data":{"host": "www.example.com", "path": "/", "element": "chat bubble"},"timestamp":"2021-01-01T09:16:02.100000Z","received_at":"2021-01-01T09:16:02.300Z","schema_version":1}
            """;

    static final String EXPORT_CSV = """
            event_id,application_id,session_id,category,name,timestamp,corrected_at,received_at,schema_version,data
            0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f71,0192e7a0-8a4c-7d3e-9f10-2b7c4d5e6f70,e2085be5-9137-4e4e-80b5-f1ffddc25423,page interaction,pageview,2021-01-01T09:15:27.243860Z,,2021-01-01T09:15:27.512Z,1,"{""host"": ""www.example.com"", ""path"": ""/""}"
            """;

    static final String EXPORT_RANGE_PROBLEM = """
            {"type": "https://theeye.io/problems/invalid_parameter", "title": "Invalid parameter", "status": 400,
             "detail": "from: an export may span at most 31 days; split it into several", "code": "invalid_parameter"}""";

    static final String LIVE_FULL = """
            {"type": "https://theeye.io/problems/unavailable", "title": "Too many live viewers", "status": 503,
             "detail": "this server already streams to its maximum of 20 live viewers; retry later",
             "code": "unavailable"}""";

    static final String EXPORTS_BUSY = """
            {"type": "https://theeye.io/problems/unavailable", "title": "Too many exports", "status": 503,
             "detail": "this server already streams its maximum of 4 exports; retry later", "code": "unavailable"}""";

    private ApiExamples() {}
}
