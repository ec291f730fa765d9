#!/usr/bin/env python3
"""Writes sentry-openapi-subset.json: the operations the local Sentry emulates, from Sentry's
dereferenced OpenAPI spec, keeping only what the contract test needs (2xx JSON responses).

Usage: python3 extract-subset.py /path/to/openapi-derefed.json
       npx biome format --write sentry-openapi-subset.json
"""
import json
import sys
from pathlib import Path

O = "/api/0/organizations/{organization_id_or_slug}"
P = "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}"
T = "/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}"

OPERATIONS = [
    ("get", "/api/0/organizations/"),
    ("get", f"{O}/"),
    ("put", f"{O}/"),
    ("get", f"{O}/projects/"),
    ("get", f"{O}/teams/"),
    ("post", f"{O}/teams/"),
    ("get", f"{O}/members/"),
    ("get", f"{O}/members/{{member_id}}/"),
    ("get", f"{O}/repos/"),
    ("get", f"{O}/repos/{{repo_id}}/commits/"),
    ("get", f"{O}/issues/"),
    ("put", f"{O}/issues/"),
    ("delete", f"{O}/issues/"),
    ("get", f"{O}/issues/{{issue_id}}/"),
    ("put", f"{O}/issues/{{issue_id}}/"),
    ("delete", f"{O}/issues/{{issue_id}}/"),
    ("get", f"{O}/issues/{{issue_id}}/events/"),
    ("get", f"{O}/issues/{{issue_id}}/events/{{event_id}}/"),
    ("get", f"{O}/issues/{{issue_id}}/hashes/"),
    ("get", f"{O}/issues/{{issue_id}}/tags/{{key}}/"),
    ("get", f"{O}/issues/{{issue_id}}/tags/{{key}}/values/"),
    ("get", f"{O}/shortids/{{issue_id}}/"),
    ("get", f"{O}/eventids/{{event_id}}/"),
    ("get", f"{O}/events/"),
    ("get", f"{O}/sessions/"),
    ("get", f"{O}/releases/"),
    ("post", f"{O}/releases/"),
    ("get", f"{O}/releases/{{version}}/"),
    ("put", f"{O}/releases/{{version}}/"),
    ("delete", f"{O}/releases/{{version}}/"),
    ("get", f"{O}/releases/{{version}}/deploys/"),
    ("post", f"{O}/releases/{{version}}/deploys/"),
    ("get", f"{O}/releases/{{version}}/commits/"),
    ("get", f"{O}/releases/{{version}}/files/"),
    ("get", f"{O}/releases/{{version}}/files/{{file_id}}/"),
    ("get", f"{P}/"),
    ("put", f"{P}/"),
    ("delete", f"{P}/"),
    ("get", f"{P}/events/"),
    ("get", f"{P}/events/{{event_id}}/"),
    ("get", f"{P}/issues/"),
    ("get", f"{P}/users/"),
    ("get", f"{P}/tags/{{key}}/values/"),
    ("get", f"{P}/keys/"),
    ("post", f"{P}/keys/"),
    ("get", f"{P}/keys/{{key_id}}/"),
    ("put", f"{P}/keys/{{key_id}}/"),
    ("delete", f"{P}/keys/{{key_id}}/"),
    ("get", f"{P}/hooks/"),
    ("post", f"{P}/hooks/"),
    ("get", f"{P}/hooks/{{hook_id}}/"),
    ("put", f"{P}/hooks/{{hook_id}}/"),
    ("delete", f"{P}/hooks/{{hook_id}}/"),
    ("get", f"{P}/user-feedback/"),
    ("post", f"{P}/user-feedback/"),
    ("get", f"{P}/teams/"),
    ("post", f"{P}/teams/{{team_id_or_slug}}/"),
    ("delete", f"{P}/teams/{{team_id_or_slug}}/"),
    ("get", f"{P}/releases/"),
    ("get", f"{T}/"),
    ("put", f"{T}/"),
    ("delete", f"{T}/"),
    ("get", f"{T}/members/"),
    ("get", f"{T}/projects/"),
    ("post", f"{T}/projects/"),
    ("get", f"{O}/monitors/"),
    ("post", f"{O}/monitors/"),
    ("get", f"{O}/monitors/{{monitor_id_or_slug}}/"),
    ("put", f"{O}/monitors/{{monitor_id_or_slug}}/"),
    ("delete", f"{O}/monitors/{{monitor_id_or_slug}}/"),
    ("get", f"{O}/monitors/{{monitor_id_or_slug}}/checkins/"),
    ("get", f"{P}/monitors/{{monitor_id_or_slug}}/"),
    ("put", f"{P}/monitors/{{monitor_id_or_slug}}/"),
    ("delete", f"{P}/monitors/{{monitor_id_or_slug}}/"),
    ("get", f"{P}/monitors/{{monitor_id_or_slug}}/checkins/"),
    ("get", f"{O}/environments/"),
    ("get", f"{P}/environments/"),
    ("get", f"{O}/project-keys/"),
    ("get", f"{O}/user-teams/"),
    ("get", f"{O}/issues/{{issue_id}}/external-issues/"),
    ("get", f"{O}/replay-count/"),
    ("get", f"{P}/events/{{event_id}}/attachments/"),
    ("get", f"{O}/scim/v2/Users"),
    ("post", f"{O}/scim/v2/Users"),
    ("get", f"{O}/scim/v2/Users/{{member_id}}"),
    ("get", f"{O}/scim/v2/Groups"),
    ("post", f"{O}/scim/v2/Groups"),
    ("get", f"{O}/scim/v2/Groups/{{team_id_or_slug}}"),
    ("get", f"{O}/sentry-app-installations/"),
    ("post", "/api/0/sentry-app-installations/{uuid}/external-issues/"),
    ("delete", f"{O}/members/{{member_id}}/"),
    # Release files, debug files (the multipart uploads are checked in local-sentry-files.test.ts).
    ("put", f"{O}/releases/{{version}}/files/{{file_id}}/"),
    ("delete", f"{O}/releases/{{version}}/files/{{file_id}}/"),
    ("get", f"{P}/releases/{{version}}/files/"),
    ("get", f"{P}/releases/{{version}}/files/{{file_id}}/"),
    ("put", f"{P}/releases/{{version}}/files/{{file_id}}/"),
    ("delete", f"{P}/releases/{{version}}/files/{{file_id}}/"),
    ("get", f"{O}/releases/{{version}}/commitfiles/"),
    ("get", f"{P}/releases/{{version}}/commits/"),
    ("get", f"{P}/events/{{event_id}}/source-map-debug/"),
    ("get", f"{P}/files/dsyms/"),
]

# Session replays.
OPERATIONS += [
    ("get", f"{O}/replays/"),
    ("get", f"{O}/replays/{{replay_id}}/"),
    ("delete", f"{P}/replays/{{replay_id}}/"),
    ("get", f"{P}/replays/{{replay_id}}/clicks/"),
    ("get", f"{P}/replays/{{replay_id}}/recording-segments/"),
    ("get", f"{P}/replays/{{replay_id}}/recording-segments/{{segment_id}}/"),
]

# Usage stats.
OPERATIONS += [
    ("get", f"{O}/stats_v2/"),
    ("get", f"{P}/stats/"),
]


def fix_monitor_schema(node):
    """Two type hints of Sentry's monitor serializers that Sentry's own answers contradict, put
    right: `environments` is a list of environment objects (the hint says one object), and an
    interval `schedule` is `[count, unit]` such as `[1, "day"]` (the hint says two integers;
    the request body's own description gives the unit as a string)."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            env = props.get("environments")
            if isinstance(env, dict) and env.get("type") == "object" and "lastCheckIn" in env.get("properties", {}):
                props["environments"] = {"type": "array", "items": env}
            sched = props.get("schedule")
            if isinstance(sched, dict) and "anyOf" in sched:
                for option in sched["anyOf"]:
                    if option.get("type") == "array":
                        option["items"] = {"anyOf": [{"type": "integer"}, {"type": "string"}]}
        for value in node.values():
            fix_monitor_schema(value)
    elif isinstance(node, list):
        for value in node:
            fix_monitor_schema(value)
    return node


def strip_docs(node):
    """Drops prose (descriptions, examples) from schemas: the test validates shapes only."""
    if isinstance(node, dict):
        return {k: strip_docs(v) for k, v in node.items() if k not in ("description", "example", "examples", "title")}
    if isinstance(node, list):
        return [strip_docs(v) for v in node]
    return node


def main() -> None:
    source = Path(sys.argv[1])
    spec = json.loads(source.read_text())
    paths: dict = {}
    for method, path in OPERATIONS:
        operation = spec["paths"][path][method]
        responses = {}
        for status, response in operation["responses"].items():
            if not status.startswith("2"):
                continue
            content = response.get("content", {}).get("application/json")
            responses[status] = (
                {
                    "description": response.get("description", ""),
                    "content": {"application/json": fix_monitor_schema(strip_docs(content))},
                }
                if content
                else {"description": response.get("description", "")}
            )
        paths.setdefault(path, {})[method] = {
            "operationId": operation.get("operationId"),
            "responses": responses,
        }
    subset = {
        "openapi": spec["openapi"],
        "info": {
            **spec["info"],
            "x-subset-of": "https://github.com/getsentry/sentry-api-schema/blob/a589a26c3b29bfc342a47baa963b7970961f958e/openapi-derefed.json",
        },
        "paths": paths,
    }
    out = Path(__file__).with_name("sentry-openapi-subset.json")
    out.write_text(json.dumps(subset, indent=2, ensure_ascii=False) + "\n")
    print(f"{len(OPERATIONS)} operations, {out.stat().st_size} bytes -> {out}")


if __name__ == "__main__":
    main()
