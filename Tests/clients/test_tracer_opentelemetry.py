"""The OpenTelemetry Python SDK against `sidecarlab tracer`: the same spans (swan serves a request
and calls unicorn, which fails) through the Zipkin JSON exporter and as OTLP/HTTP JSON, then read
back with botocore's X-Ray client: parents, timings, statuses and the swan → unicorn edge.

PyPI has no OTLP JSON exporter for Python (`opentelemetry-exporter-otlp-proto-http` sends
protobuf), so the OTLP test encodes the spans with the SDK's own OTLP encoder and posts that
message in the OTLP/HTTP JSON mapping (hex ids, integer enums) itself."""

import base64
import json
import time
import urllib.request

from google.protobuf.json_format import MessageToDict
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.exporter.zipkin.json import ZipkinExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode

from conftest import documents, edge, service_graph, wait_until, xray_client, xray_trace_id


def make_spans(exporter_for):
    """swan: SERVER `GET /pets` → CLIENT call to unicorn (503); unicorn: SERVER span, an error."""
    providers = {}
    for name in ("swan", "unicorn"):
        provider = TracerProvider(resource=Resource.create({"service.name": name}))
        provider.add_span_processor(SimpleSpanProcessor(exporter_for(name)))
        providers[name] = provider
    swan = providers["swan"].get_tracer("test")
    unicorn = providers["unicorn"].get_tracer("test")
    with swan.start_as_current_span("GET /pets", kind=SpanKind.SERVER) as server:
        server.set_attribute("http.request.method", "GET")
        server.set_attribute("url.full", "http://swan.local/pets")
        with swan.start_as_current_span("call unicorn", kind=SpanKind.CLIENT) as call:
            call.set_attribute("peer.service", "unicorn")
            call.set_attribute("http.response.status_code", 503)
            with unicorn.start_as_current_span("GET /", kind=SpanKind.SERVER) as handler:
                handler.set_attribute("http.response.status_code", 503)
                handler.set_status(Status(StatusCode.ERROR, "overloaded"))
                time.sleep(0.02)
        server.set_attribute("http.response.status_code", 500)
    for provider in providers.values():
        provider.shutdown()
    return server, call, handler


def check(tracer, server, call, handler):
    client = xray_client(tracer)
    trace_id = xray_trace_id(server.context.trace_id)
    found = wait_until(lambda: (lambda d: d if {"swan", "unicorn"} <= d.keys() else None)(documents(client, trace_id)),
                       message="both services' segments")
    swan, unicorn = found["swan"], found["unicorn"]
    assert swan["id"] == f"{server.context.span_id:016x}"
    assert "parent_id" not in swan
    assert swan["fault"] is True
    assert swan["http"]["response"]["status"] == 500
    remote = swan["subsegments"][0]
    assert remote["id"] == f"{call.context.span_id:016x}"
    assert remote["name"] == "unicorn"
    assert remote["namespace"] == "remote"
    assert remote["fault"] is True
    assert unicorn["parent_id"] == remote["id"]
    assert unicorn["fault"] is True
    assert abs(unicorn["start_time"] - handler.start_time / 1e9) < 1e-3
    assert abs(unicorn["end_time"] - handler.end_time / 1e9) < 1e-3
    assert unicorn["end_time"] - unicorn["start_time"] >= 0.02
    assert swan["start_time"] <= remote["start_time"] <= unicorn["start_time"]
    graph_edge = wait_until(lambda: edge(service_graph(client), "swan", "unicorn"), message="the swan → unicorn edge")
    assert graph_edge["SummaryStatistics"]["FaultStatistics"]["TotalCount"] == 1
    assert graph_edge["SummaryStatistics"]["TotalCount"] == 1
    services = {service.get("Name"): service for service in service_graph(client)}
    assert services["unicorn"]["SummaryStatistics"]["FaultStatistics"]["TotalCount"] == 1


def test_zipkin_json_exporter(tracer):
    endpoint = f"{tracer.base_url}/api/v2/spans"
    check(tracer, *make_spans(lambda name: ZipkinExporter(endpoint=endpoint)))


def hex_ids(value):
    """The protobuf JSON mapping writes bytes as base64; OTLP/HTTP JSON wants ids in hex."""
    if isinstance(value, dict):
        return {key: (base64.b64decode(item).hex() if key in ("traceId", "spanId", "parentSpanId") and item
                      else hex_ids(item)) for key, item in value.items()}
    if isinstance(value, list):
        return [hex_ids(item) for item in value]
    return value


def test_otlp_json(tracer):
    memory = InMemorySpanExporter()
    spans = make_spans(lambda name: memory)
    message = MessageToDict(encode_spans(memory.get_finished_spans()), use_integers_for_enums=True)
    body = json.dumps(hex_ids(message)).encode()
    request = urllib.request.Request(
        f"{tracer.base_url}/v1/traces", data=body, method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        assert "partialSuccess" not in json.loads(response.read())
    check(tracer, *spans)
