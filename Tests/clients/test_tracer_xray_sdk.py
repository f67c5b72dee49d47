"""The AWS X-Ray SDK for Python against `sidecarlab tracer`: segments over the daemon's UDP
protocol (embedded and streamed subsegments, annotations, an http block, a fault with a cause)
and centralized sampling over its TCP endpoints; read back with botocore's X-Ray client."""

import time
import traceback

from aws_xray_sdk.core.recorder import AWSXRayRecorder
from aws_xray_sdk.core.sampling.sampler import DefaultSampler

from conftest import documents, edge, service_graph, wait_until, xray_client


def recorder_for(tracer, **settings):
    recorder = AWSXRayRecorder()
    options = {"sampling": False, "context_missing": "LOG_ERROR", "plugins": ()} | settings
    recorder.configure(daemon_address=f"tcp:{tracer.http} udp:{tracer.udp}", **options)
    return recorder


def send_trace(recorder, name="swan"):
    """swan handles GET /pets, calls unicorn (which answers 503) and records the failure."""
    segment = recorder.begin_segment(name)
    segment.put_http_meta("method", "GET")
    segment.put_http_meta("url", "http://swan.local/pets")
    segment.put_annotation("tier", "gold")
    segment.put_metadata("request", {"attempt": 1})
    local = recorder.begin_subsegment("handler")
    call = recorder.begin_subsegment("unicorn", namespace="remote")
    call.put_http_meta("method", "GET")
    call.put_http_meta("status", 503)
    time.sleep(0.02)
    recorder.end_subsegment()
    recorder.end_subsegment()
    try:
        raise RuntimeError("unicorn answered 503")
    except RuntimeError as error:
        segment.add_exception(error, traceback.extract_stack())
    segment.put_http_meta("status", 500)
    trace_id, ids = segment.trace_id, (segment.id, local.id, call.id)
    recorder.end_segment()
    return trace_id, ids


def check_trace(client, trace_id, ids):
    segment_id, local_id, call_id = ids
    found = wait_until(lambda: documents(client, trace_id), message="the trace to be stored")
    swan = found["swan"]
    assert swan["id"] == segment_id
    assert swan["fault"] is True
    assert swan["http"]["response"]["status"] == 500
    assert swan["http"]["request"]["method"] == "GET"
    assert swan["annotations"]["tier"] == "gold"
    assert swan["cause"]["exceptions"][0]["message"] == "unicorn answered 503"
    assert swan["end_time"] > swan["start_time"]
    handler = swan["subsegments"][0]
    assert handler["id"] == local_id
    call = handler["subsegments"][0]
    assert call["id"] == call_id
    assert call["namespace"] == "remote"
    assert call["fault"] is True
    assert call["end_time"] - call["start_time"] >= 0.02


def test_embedded_subsegments_arrive_as_one_document(tracer):
    recorder = recorder_for(tracer)
    trace_id, ids = send_trace(recorder)
    client = xray_client(tracer)
    check_trace(client, trace_id, ids)
    summaries = client.get_trace_summaries(
        StartTime=time.time() - 300, EndTime=time.time() + 300,
        FilterExpression='service("swan") { fault } AND annotation.tier = "gold"',
    )["TraceSummaries"]
    assert [summary["Id"] for summary in summaries] == [trace_id]
    assert summaries[0]["HasFault"] is True
    assert summaries[0]["Http"]["HttpStatus"] == 500


def test_streamed_subsegments_are_put_back_under_their_parents(tracer):
    recorder = recorder_for(tracer, streaming_threshold=0)
    trace_id, ids = send_trace(recorder)
    client = xray_client(tracer)
    check_trace(client, trace_id, ids)
    unicorn = wait_until(lambda: edge(service_graph(client), "swan", "unicorn"), message="the swan → unicorn edge")
    statistics = unicorn["SummaryStatistics"]
    assert statistics["TotalCount"] == 1
    assert statistics["FaultStatistics"]["TotalCount"] == 1
    assert statistics["TotalResponseTime"] >= 0.02
    assert sum(bucket["Count"] for bucket in unicorn["ResponseTimeHistogram"]) == 1
    client_edge = edge(service_graph(client), "client", "swan")
    assert client_edge["SummaryStatistics"]["FaultStatistics"]["TotalCount"] == 1


def test_centralized_sampling_uses_the_default_rule(tracer):
    sampler = DefaultSampler()
    recorder_for(tracer, sampler=sampler, sampling=True)
    sampler.start()  # the SDK's pollers are daemon threads: they end with the test process
    rules = wait_until(lambda: sampler._cache.rules, message="the sampling rules")
    assert [(rule.name, rule.rate) for rule in rules] == [("Default", 0.05)]
    targets, modified = sampler._connector.fetch_sampling_target(rules)
    assert targets["Default"]["rate"] == 0.05
    assert targets["Default"]["quota"] == 1
    assert targets["Default"]["interval"] == 10
    assert modified > 0
    # With the quota in, the first request of a second is sampled from the reservoir.
    sampler._cache.load_targets(targets)
    assert sampler.should_trace({"service": "swan", "method": "GET", "path": "/"})
