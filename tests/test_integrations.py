"""The paths into a team's workflow, tried with the real clients: pre-commit and the Action.

The pre-commit test runs `pre-commit try-repo` on this checkout, which installs icp into a
fresh environment. Tests never touch the network: `.ci/run` builds a wheelhouse of icp and
its dependencies first and names it in ICP_WHEELHOUSE; pip then installs from it alone.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_systems"


def _hook() -> dict:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    return hook


@pytest.mark.parametrize(
    "path",
    [
        "membership.yaml",
        "membership.yml",
        "governance/membership.yaml",
        "membership-2026-draft.yaml",
        "membership_v3.yaml",
        "north.icp.yaml",
        "systems/south.icp.yml",
    ],
)
def test_the_hook_runs_on_membership_files(path: str) -> None:
    assert re.search(_hook()["files"], path)


@pytest.mark.parametrize(
    "path",
    [
        ".github/workflows/ci.yml",
        "docker-compose.yaml",
        ".pre-commit-config.yaml",
        "membershipfees.yaml",
        "notmembership.yaml",
        "icp.yaml",
        "membership.yaml.bak",
    ],
)
def test_the_hook_leaves_other_yaml_alone(path: str) -> None:
    assert not re.search(_hook()["files"], path)


def test_the_hook_is_icp_check() -> None:
    hook = _hook()
    assert hook["id"] == "icp-check"
    assert hook["entry"] == "icp check"
    assert hook["language"] == "python"


@pytest.mark.skipif(
    not os.environ.get("ICP_WHEELHOUSE") or shutil.which("git") is None,
    reason="needs the offline wheelhouse that .ci/run builds (ICP_WHEELHOUSE)",
)
def test_pre_commit_try_repo_checks_membership_files_only(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".github" / "workflows").mkdir(parents=True)
    shutil.copy(SAMPLES / "northshire.yaml", repo / "membership.yaml")
    shutil.copy(SAMPLES / "first-draft.yaml", repo / "membership-draft.yaml")
    # Neither a membership file nor valid as one: the hook must not see it.
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", "utf-8")
    env = {
        **os.environ,
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": os.environ["ICP_WHEELHOUSE"],
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "NO_COLOR": "1",
    }
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "icp-check", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "membership-draft.yaml" in out and "R303" in out
    assert "ci.yml" not in out
    assert "2 files checked" in out


def _action() -> dict:
    return YAML(typ="safe").load((ROOT / "action.yml").read_text("utf-8"))


def test_the_action_is_a_valid_composite_action() -> None:
    action = _action()
    assert set(action) >= {"name", "description", "runs"}
    assert action["runs"]["using"] == "composite"
    inputs = set(action["inputs"])
    for step in action["runs"]["steps"]:
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash"
            # Inputs reach scripts through the environment, never pasted into the script
            # (a files input with `; rm -rf` in it would otherwise run).
            assert "${{" not in step["run"], step["run"]
        for ref in re.findall(r"inputs\.([a-z-]+)", str(step)):
            assert ref in inputs, ref
    assert any("upload-sarif" in step.get("uses", "") for step in action["runs"]["steps"])
    install = next(s for s in action["runs"]["steps"] if "pip install" in s.get("run", ""))
    assert "github.action_path" in str(install["env"])


# ---------------------------------------------------------------- docs/ci.md snippets

CI_DATA = ROOT / "tests" / "data" / "ci"
SNIPPETS = ("pre-commit-config.yaml", "workflow-action.yml", "workflow-pip.yml")


def _yaml(name: str) -> dict:
    return YAML(typ="safe").load((CI_DATA / name).read_text("utf-8"))


@pytest.mark.parametrize("name", SNIPPETS)
def test_docs_ci_snippets_are_the_tested_files(name: str) -> None:
    docs = (ROOT / "docs" / "ci.md").read_text("utf-8")
    assert f"```yaml\n{(CI_DATA / name).read_text('utf-8')}```\n" in docs


def test_docs_ci_installs_nothing_unpublished() -> None:
    docs = (ROOT / "docs" / "ci.md").read_text("utf-8")
    assert "pip install icp-cli" not in docs
    for line in re.findall(r"pip install .*", docs):
        assert "git+" in line, line


def _repository() -> str:
    from icp_cli.render import links

    return links.HOMEPAGE.removeprefix("https://github.com/")


def test_pre_commit_snippet_names_this_repository_and_hook() -> None:
    from icp_cli.render import links

    (repo,) = _yaml("pre-commit-config.yaml")["repos"]
    assert repo["repo"] == links.HOMEPAGE
    assert repo["rev"]
    assert [h["id"] for h in repo["hooks"]] == [_hook()["id"]]


def test_pre_commit_snippet_is_a_valid_configuration() -> None:
    pytest.importorskip("pre_commit")
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config",
         str(CI_DATA / "pre-commit-config.yaml")],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_workflow_snippets_use_the_action_and_the_repository() -> None:
    inputs = set(_action()["inputs"])
    steps = _yaml("workflow-action.yml")["jobs"]["check"]["steps"]
    (step,) = [s for s in steps if s.get("uses", "").startswith(_repository() + "@")]
    assert set(step["with"]) <= inputs
    assert step["with"]["fail-on"] in ("error", "warning", "info", "never")
    for name in ("workflow-action.yml", "workflow-pip.yml"):
        job = _yaml(name)["jobs"]["check"]
        # Uploading SARIF to code scanning needs this permission.
        assert job["permissions"]["security-events"] == "write"
    pip = _yaml("workflow-pip.yml")["jobs"]["check"]["steps"]
    install = next(s["run"] for s in pip if "pip install" in s.get("run", ""))
    assert f"git+https://github.com/{_repository()}@" in install


def _check_step() -> dict:
    return next(s for s in _action()["runs"]["steps"] if "icp check" in s.get("run", ""))


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    ("files", "fail_on", "code"),
    [
        ("first-draft.yaml", "error", 1),
        ("first-draft.yaml", "never", 0),
        ("northshire.yaml", "info", 0),
        ("missing.yaml", "never", 2),
    ],
)
def test_the_actions_check_step_runs(tmp_path: Path, files: str, fail_on: str, code: int) -> None:
    """The step's script as the runner would run it (bash -e), with icp on the PATH."""
    step = _check_step()
    for name in ("first-draft.yaml", "northshire.yaml"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "ICP_FILES": files,
        "ICP_FAIL_ON": fail_on,
        "NO_COLOR": "1",
    }
    run = subprocess.run(
        ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", step["run"]],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == code, run.stdout + run.stderr
    sarif = (tmp_path / "icp.sarif").read_text("utf-8")
    assert '"version": "2.1.0"' in sarif
    if code == 1:
        assert "::error file=first-draft.yaml,line=58,col=7,title=R301" in run.stdout
    if code == 2:
        assert "missing.yaml: no such file" in run.stderr
