"""The deployment files stay in step with the code.

Docker is not available where the suite runs, so instead of starting the stack these tests read
docker-compose.yml, the Kubernetes manifests, the Dockerfile, the Prometheus configuration and the
Grafana dashboard, and check them against what the code defines: settings, topics, port and metrics.
The topic-creation script is run for real, against a stand-in for kafka-topics.sh.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from warta import metrics
from warta.app import create_app
from warta.config import Settings
from warta.topics import topic_specs

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
PREFIX = Settings.model_config["env_prefix"]
WARTA_VARIABLES = {f"{PREFIX}{name}".upper() for name in Settings.model_fields}
WEB_PORT = Settings.model_fields["web_port"].default


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def compose() -> dict[str, Any]:
    return load_yaml(ROOT / "docker-compose.yml")


def k8s(kind: str) -> dict[str, Any]:
    """The one manifest of ``kind`` in deploy/k8s."""
    found = [
        doc
        for path in sorted(K8S.glob("*.yaml"))
        for doc in yaml.safe_load_all(path.read_text())
        if doc and doc.get("kind") == kind
    ]
    assert len(found) == 1, f"expected one {kind} in deploy/k8s, found {len(found)}"
    return found[0]


def environment(service: dict[str, Any]) -> dict[str, str]:
    """A compose service's environment, written as a mapping or as a list of NAME=value."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {name: str(value) for name, value in env.items()}


def k8s_worker_env() -> dict[str, str]:
    """What a worker pod sees: the ConfigMap, the Secret and the Deployment's own variables."""
    container = k8s("Deployment")["spec"]["template"]["spec"]["containers"][0]
    env = {**k8s("ConfigMap")["data"], **k8s("Secret")["stringData"]}
    env.update({item["name"]: item["value"] for item in container.get("env", [])})
    return env


def k8s_job_env() -> dict[str, str]:
    return {**k8s("ConfigMap")["data"], **k8s("Secret")["stringData"]}


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (DEPLOY / "Dockerfile").read_text())
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, arguments = line.partition(" ")
            instructions.append((instruction.upper(), arguments.strip()))
    return instructions


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for instruction, arguments in dockerfile():
        if instruction == "ENV":
            env.update(re.findall(r"(\w+)=(\S+)", arguments))
    return env


@pytest.fixture
def settings_from(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, str]], Settings]:
    """Settings as a worker started with exactly ``env`` would read them."""

    def read(env: dict[str, str]) -> Settings:
        for name in list(os.environ):
            if name.startswith(PREFIX):
                monkeypatch.delenv(name)
        for name, value in env.items():
            if name.startswith(PREFIX):
                monkeypatch.setenv(name, value)
        return Settings()

    return read


# --- settings -----------------------------------------------------------------------------------


def every_warta_variable_set() -> Iterator[tuple[str, str]]:
    for name, service in compose()["services"].items():
        for variable in environment(service):
            yield f"docker-compose.yml service {name}", variable
    for variable in k8s_worker_env():
        yield "deploy/k8s", variable
    for variable in dockerfile_env():
        yield "deploy/Dockerfile", variable


def test_deployment_files_set_only_variables_that_settings_reads() -> None:
    unknown = [
        f"{where}: {variable}"
        for where, variable in every_warta_variable_set()
        if variable.startswith(PREFIX) and variable not in WARTA_VARIABLES
    ]
    assert not unknown, f"not fields of warta.config.Settings: {unknown}"


def test_compose_and_k8s_settings_are_valid(settings_from: Callable[[dict[str, str]], Settings]) -> None:
    # Raises a ValidationError on a value the worker would refuse, e.g. a misspelt protocol.
    settings_from(environment(compose()["services"]["warta"]))
    settings = settings_from(k8s_worker_env())
    assert settings.sasl_username and settings.sasl_password, "the k8s Secret must carry SASL credentials"


# --- topics -------------------------------------------------------------------------------------


def run_topics_script(tmp_path: Path, env: dict[str, str]) -> list[dict[str, Any]]:
    """Run create-topics.sh against a stand-in kafka-topics.sh; return one record per call."""
    if shutil.which("bash") is None:
        pytest.skip("bash is needed to run create-topics.sh")
    calls = tmp_path / "calls.jsonl"
    stub = tmp_path / "kafka-topics.sh"
    stub.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        "args = sys.argv[1:]\n"
        "config = None\n"
        "if '--command-config' in args:\n"
        "    config = open(args[args.index('--command-config') + 1]).read()\n"
        "with open(os.environ['CALLS'], 'a') as out:\n"
        "    out.write(json.dumps({'args': args, 'command_config': config}) + '\\n')\n"
    )
    stub.chmod(0o755)
    subprocess.run(
        ["bash", str(K8S / "create-topics.sh")],
        env={"PATH": os.environ["PATH"], "KAFKA_TOPICS_BIN": str(stub), "CALLS": str(calls), **env},
        check=True,
        capture_output=True,
    )
    records = []
    for line in calls.read_text().splitlines():
        call = json.loads(line)
        args = call["args"]
        options: dict[str, Any] = {"configs": {}, "command_config": call["command_config"]}
        for flag, value in itertools.pairwise(args):
            if flag == "--config":
                key, _, config_value = value.partition("=")
                options["configs"][key] = config_value
            elif flag.startswith("--") and not value.startswith("--"):
                options[flag.removeprefix("--")] = value
        assert "--create" in args and "--if-not-exists" in args
        records.append(options)
    return records


TOPIC_JOBS = {
    # name: (environment of the job, environment of the workers it prepares)
    "compose": lambda: (
        environment(compose()["services"]["topics"]),
        environment(compose()["services"]["warta"]),
    ),
    "k8s": lambda: (k8s_job_env(), k8s_worker_env()),
}


@pytest.mark.parametrize("job", sorted(TOPIC_JOBS))
def test_topics_job_creates_the_topics_the_workers_expect(
    job: str, tmp_path: Path, settings_from: Callable[[dict[str, str]], Settings]
) -> None:
    job_env, worker_env = TOPIC_JOBS[job]()
    settings = settings_from(worker_env)
    created = run_topics_script(tmp_path, job_env)

    assert {c["topic"]: int(c["partitions"]) for c in created} == {
        spec.name: spec.partitions for spec in topic_specs(settings)
    }
    compacted = {c["topic"] for c in created if c["configs"].get("cleanup.policy") == "compact"}
    assert compacted == {spec.name for spec in topic_specs(settings) if spec.compacted}
    brokers = ",".join(url.removeprefix("kafka://") for url in settings.broker_urls)
    for call in created:
        assert call["bootstrap-server"] == brokers
        assert int(call["replication-factor"]) == settings.topic_replication


def test_topics_job_keeps_dead_letters_longer_than_kafkas_default_week(tmp_path: Path) -> None:
    created = run_topics_script(tmp_path, environment(compose()["services"]["topics"]))
    deadletter = next(c for c in created if c["topic"] == Settings().topic_deadletter)
    assert int(deadletter["configs"]["retention.ms"]) > 7 * 24 * 3600 * 1000


def test_topics_job_logs_in_with_the_workers_sasl_settings(tmp_path: Path) -> None:
    env = k8s_job_env()
    created = run_topics_script(tmp_path, env)
    config = created[0]["command_config"]
    assert f"security.protocol={env['WARTA_SECURITY_PROTOCOL']}" in config
    assert f"sasl.mechanism={env['WARTA_SASL_MECHANISM']}" in config
    assert f'username="{env["WARTA_SASL_USERNAME"]}" password="{env["WARTA_SASL_PASSWORD"]}"' in config


def test_both_topics_jobs_run_the_shared_script() -> None:
    topics = compose()["services"]["topics"]
    mounted = {volume.split(":")[0]: volume.split(":")[1] for volume in topics["volumes"]}
    assert mounted["./deploy/k8s/create-topics.sh"] in topics["entrypoint"]
    assert topics["image"].startswith("apache/kafka:")

    generated = load_yaml(K8S / "kustomization.yaml")["configMapGenerator"]
    script_map = next(m for m in generated if "create-topics.sh" in m["files"])["name"]
    pod = k8s("Job")["spec"]["template"]["spec"]
    volume = next(v["name"] for v in pod["volumes"] if v.get("configMap", {}).get("name") == script_map)
    container = pod["containers"][0]
    mount = next(m["mountPath"] for m in container["volumeMounts"] if m["name"] == volume)
    assert f"{mount}/create-topics.sh" in container["command"]
    configmaps = {ref["configMapRef"]["name"] for ref in container["envFrom"] if "configMapRef" in ref}
    assert configmaps == {k8s("ConfigMap")["metadata"]["name"]}


# --- wiring of the compose stack ----------------------------------------------------------------


def test_compose_workers_start_after_the_topics_job_and_reach_kafka_where_it_advertises(
    settings_from: Callable[[dict[str, str]], Settings],
) -> None:
    services = compose()["services"]
    worker = services["warta"]
    assert worker["depends_on"]["topics"]["condition"] == "service_completed_successfully"
    assert worker["build"]["dockerfile"] == "deploy/Dockerfile"
    assert worker["deploy"]["replicas"] == 2
    advertised = environment(services["kafka"])["KAFKA_ADVERTISED_LISTENERS"]
    addresses = {listener.split("://", 1)[1] for listener in advertised.split(",")}
    brokers = settings_from(environment(worker)).broker_urls
    assert {url.removeprefix("kafka://") for url in brokers} <= addresses


def test_prometheus_scrapes_every_compose_worker_on_the_web_port() -> None:
    (job,) = load_yaml(DEPLOY / "prometheus" / "prometheus.yml")["scrape_configs"]
    (discovery,) = job["dns_sd_configs"]
    assert discovery["names"] == ["warta"]  # the compose service, one address per replica
    assert discovery["port"] == WEB_PORT
    assert job.get("metrics_path", "/metrics") == "/metrics"


# --- port and probes ----------------------------------------------------------------------------


def test_every_deployment_file_uses_the_default_web_port() -> None:
    deployment = k8s("Deployment")["spec"]["template"]
    container = deployment["spec"]["containers"][0]
    ports = {
        "Dockerfile EXPOSE": [int(a) for i, a in dockerfile() if i == "EXPOSE"],
        "compose WARTA_WEB_PORT": [int(environment(compose()["services"]["warta"])["WARTA_WEB_PORT"])],
        "k8s ConfigMap": [int(k8s("ConfigMap")["data"]["WARTA_WEB_PORT"])],
        "k8s containerPort": [p["containerPort"] for p in container["ports"]],
        "k8s scrape annotation": [int(deployment["metadata"]["annotations"]["prometheus.io/port"])],
        "k8s Service": [p["port"] for p in k8s("Service")["spec"]["ports"]],
    }
    assert ports == {where: [WEB_PORT] for where in ports}


def test_probes_ask_for_pages_the_worker_serves() -> None:
    app = create_app(Settings(broker="kafka://localhost:9092"), pool=None)  # type: ignore[arg-type]
    pages = set(app.web.views)
    container = k8s("Deployment")["spec"]["template"]["spec"]["containers"][0]
    assert container["livenessProbe"]["httpGet"]["path"] == "/health"
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    probed = {container[p]["httpGet"]["path"] for p in ("startupProbe", "livenessProbe", "readinessProbe")}
    healthcheck = next(a for i, a in dockerfile() if i == "HEALTHCHECK")
    probed |= set(re.findall(r"https?://[^/]+(/\w+)", healthcheck))
    annotations = k8s("Deployment")["spec"]["template"]["metadata"]["annotations"]
    probed.add(annotations["prometheus.io/path"])
    assert probed <= pages


def test_k8s_workers_run_two_replicas_as_non_root_within_about_a_gibibyte() -> None:
    spec = k8s("Deployment")["spec"]
    pod = spec["template"]["spec"]
    container = pod["containers"][0]
    assert spec["replicas"] == 2
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["resources"]["limits"]["memory"] == container["resources"]["requests"]["memory"] == "1Gi"
    secrets = {ref["secretRef"]["name"] for ref in container["envFrom"] if "secretRef" in ref}
    assert secrets == {k8s("Secret")["metadata"]["name"]}


# --- image --------------------------------------------------------------------------------------


def test_image_is_built_from_the_lock_and_runs_the_worker_as_non_root() -> None:
    instructions = dockerfile()
    stages = [a for i, a in instructions if i == "FROM"]
    assert len(stages) >= 2, "multi-stage: builder and runtime"
    args = dict(re.findall(r"(\w+)=(\S+)", " ".join(a for i, a in instructions if i == "ARG")))
    runtime = stages[-1].split()[0]
    assert re.sub(r"\$\{(\w+)\}", lambda m: args[m[1]], runtime) == "python:3.11-slim"
    assert any(i == "COPY" and "requirements.lock" in a for i, a in instructions)
    assert any(i == "RUN" and re.search(r"pip install -c requirements\.lock \.", a) for i, a in instructions)
    user = [a for i, a in instructions if i == "USER"][-1]
    assert user.split(":")[0] not in ("root", "0")
    assert [a for i, a in instructions if i == "ENTRYPOINT"] == ['["warta"]']
    assert [a for i, a in instructions if i == "CMD"] == ['["worker"]']
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^warta = "warta\.cli:app"$', pyproject, re.MULTILINE)


def test_build_context_keeps_everything_the_dockerfile_copies() -> None:
    allowed = {
        line.removeprefix("!").rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.startswith("!")
    }
    for instruction, arguments in dockerfile():
        if instruction == "COPY" and not arguments.startswith("--from"):
            *sources, _destination = arguments.split()
            for source in sources:
                assert source.rstrip("/") in allowed, f"{source} is excluded by .dockerignore"
                assert (ROOT / source).exists()


# --- dashboard ----------------------------------------------------------------------------------

SAMPLE_SUFFIXES = {
    "counter": ("_total", "_created"),
    "gauge": ("",),
    "histogram": ("_bucket", "_sum", "_count", "_created"),
    "summary": ("", "_sum", "_count", "_created"),
}
PROMQL_WORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless"}


def exported_series() -> dict[str, str]:
    """Every series name warta.metrics can expose, mapped to its metric's name."""
    series = {}
    for metric in vars(metrics).values():
        if isinstance(metric, MetricWrapperBase):
            for family in metric.describe():
                for suffix in SAMPLE_SUFFIXES[family.type]:
                    series[family.name + suffix] = family.name
    return series


def metric_names(expr: str) -> set[str]:
    """The metric names a PromQL expression selects (functions, labels and keywords left out)."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)  # strings
    expr = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", expr)  # label matchers and ranges
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    names = re.findall(r"(?<![\w$.])([a-zA-Z_:][\w:]*)\b(?!\s*\()", expr)
    return {name for name in names if name not in PROMQL_WORDS}


def dashboard_exprs() -> list[str]:
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "warta.json").read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]


def test_metric_name_parser_skips_functions_labels_and_grouping() -> None:
    expr = (
        'histogram_quantile(0.95, sum by (le, stage) (rate(a_seconds_bucket{stage!="x"}[$__rate_interval])))'
    )
    assert metric_names(expr) == {"a_seconds_bucket"}
    assert metric_names("max by (topic) (lag) / on (topic) group_left up") == {"lag", "up"}


def test_dashboard_queries_only_metrics_the_worker_exports() -> None:
    exprs = dashboard_exprs()
    assert exprs
    unknown = {name for expr in exprs for name in metric_names(expr)} - exported_series().keys()
    assert not unknown, f"not exported by warta.metrics: {sorted(unknown)}"


def test_dashboard_charts_every_worker_metric() -> None:
    series = exported_series()
    charted = {series[name] for expr in dashboard_exprs() for name in metric_names(expr) if name in series}
    assert charted == set(series.values())


def test_dashboard_uses_the_provisioned_datasource() -> None:
    provisioned = load_yaml(DEPLOY / "grafana" / "provisioning" / "datasources" / "prometheus.yml")
    uids = {source["uid"] for source in provisioned["datasources"]}
    dashboard = json.loads((DEPLOY / "grafana" / "dashboards" / "warta.json").read_text())
    used = {panel["datasource"]["uid"] for panel in dashboard["panels"]}
    used |= {t["datasource"]["uid"] for panel in dashboard["panels"] for t in panel["targets"]}
    assert used <= uids
    grafana = compose()["services"]["grafana"]
    assert "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro" in grafana["volumes"]
    provider = load_yaml(DEPLOY / "grafana" / "provisioning" / "dashboards" / "warta.yml")["providers"][0]
    assert provider["options"]["path"] == "/var/lib/grafana/dashboards"


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl renders the kustomization")
def test_kustomization_renders_the_manifests_but_never_the_example_secret() -> None:
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(K8S)], check=True, capture_output=True, text=True
    ).stdout
    kinds = sorted(doc["kind"] for doc in yaml.safe_load_all(rendered) if doc)
    assert kinds == ["ConfigMap", "ConfigMap", "Deployment", "Job", "Service"]
