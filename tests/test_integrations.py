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
