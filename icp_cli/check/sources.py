"""The titles of the published sources that rules cite, written once.

Rules build their ``source`` text from these names (``f"{GGI}, point 5"``), so a title
is corrected in one place. The statutory citations (Acts and their sections) live with
the statutory requirements in ``icp_cli/check/rules/statutory.py``.
"""

from __future__ import annotations

GGI = "GGI, *Integrated care partnerships: a guide* (Feb 2022)"
ENGAGEMENT = "NHS England, *Integrated care partnership (ICP) engagement document* (2021)"
PPP = "PPP, *ICS Roadshow report* (2023)"
KINGS_FUND = "The King's Fund (2022)"
ICB_GUIDANCE = "NHS England, *Guidance on ICB constitutions and governance* (as updated 2024)"
MODEL_CONSTITUTION = "NHS England, ICB model constitution"
