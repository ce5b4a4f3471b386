#!/usr/bin/env python3
# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Write the "Klachten" spreadsheet dashboard (Odoo 18.0 format, version 21).

The JSON follows the layout of Odoo's own ``spreadsheet_dashboard_*`` addons
(a "Dashboard" sheet with scorecards, charts and tables; a "Data" sheet with
the key figures). Texts are English inside ``_t()`` and chart titles, and
translated through the addon's ``i18n/nl.po`` like Odoo's dashboards.

Usage: python3 scripts/generate_klachten_dashboard.py
"""

import json
import pathlib

MODEL = "klachtenbeheer.complaint"
TARGET = (
    pathlib.Path(__file__).resolve().parent.parent
    / "klachtenbeheer_spreadsheet_dashboard/data/files/klachten_dashboard.json"
)

# Global filters: the period (on the date received) and the team.
PERIOD = "7b1d2c3e-0a1b-4c5d-8e9f-000000000001"
TEAM = "7b1d2c3e-0a1b-4c5d-8e9f-000000000002"
MATCH_PERIOD = {"chain": "date_received", "type": "datetime", "offset": 0}
MATCH_TEAM = {"chain": "team_id", "type": "many2one"}


def matching(period=True):
    result = {TEAM: MATCH_TEAM}
    if period:
        result[PERIOD] = MATCH_PERIOD
    return result


def row(spec):
    """A pivot row: ``date_received:quarter`` is a field and a granularity."""
    name, _sep, granularity = spec.partition(":")
    result = {"fieldName": name}
    if granularity:
        result.update(order="asc", granularity=granularity)
    return result


def pivot(pid, name, domain=(), rows=(), measures=("__count",), period=True):
    return {
        "type": "ODOO",
        "fieldMatching": matching(period),
        "context": {},
        "domain": list(domain),
        "id": str(pid),
        "measures": [{"id": m, "fieldName": m} for m in measures],
        "model": MODEL,
        "name": name,
        "sortedColumn": {
            "groupId": [[], []],
            "measure": measures[0],
            "order": "desc",
        },
        "formulaId": str(pid),
        "columns": [],
        "rows": [row(r) for r in rows],
    }


PIVOTS = [
    pivot(1, "KPI - Open", [["is_closed", "=", False]], period=False),
    pivot(2, "KPI - Overdue", [["deadline_state", "=", "overdue"]], period=False),
    pivot(3, "Received per quarter", rows=["date_received:quarter"], period=False),
    pivot(4, "KPI - Answered on time", measures=["answer_on_time_rate"]),
    pivot(5, "Validity", [["validity", "!=", False]], rows=["validity"]),
    pivot(
        6,
        "Complaints by category",
        rows=["category_id"],
        measures=["__count", "answer_on_time_rate"],
    ),
    pivot(
        7,
        "Complaints by team",
        rows=["team_id"],
        measures=["__count", "answer_on_time_rate"],
    ),
]

STYLES = {
    "1": {"textColor": "#01666b", "bold": True, "fontSize": 16},
    "2": {"textColor": "#434343", "fontSize": 11, "bold": True},
    "3": {"textColor": "#01666B", "verticalAlign": "middle"},
    "4": {"textColor": "#434343", "verticalAlign": "middle"},
    "5": {"textColor": "#434343", "fontSize": 11, "bold": True, "align": "center"},
    "6": {"fillColor": "#f8f9fa"},
}
FORMATS = {"1": "0%", "2": "0.0", "3": "0"}
BORDERS = {
    "1": {"bottom": {"style": "thin", "color": "#B7B7B7"}},
    "2": {"top": {"style": "thin", "color": "#B7B7B7"}},
}


def link(title, view_type, group_by, measures=("__count",), domain=()):
    action = {
        "viewType": view_type,
        "action": {
            "domain": list(domain),
            "context": {
                "group_by": list(group_by),
                "pivot_measures": list(measures),
                "pivot_column_groupby": [],
                "pivot_row_groupby": list(group_by),
                "graph_measure": measures[0],
                "graph_mode": "line",
                "graph_groupbys": list(group_by),
            },
            "modelName": MODEL,
            "views": [
                [False, "pivot"],
                [False, "graph"],
                [False, "list"],
                [False, "form"],
                [False, "search"],
            ],
        },
        "threshold": 0,
        "name": title,
    }
    return f"[{title}](odoo://view/{json.dumps(action, separators=(',', ':'))})"


def dashboard_sheet():
    cells = {}
    # Trend by month: a chart placed over rows 8-22.
    cells["A7"] = {
        "content": link("Complaints per month", "graph", ["date_received:month"])
    }
    # Tables: by category (A-C) and by team (E-G), ten rows each.
    cells["A23"] = {
        "content": link(
            "By category",
            "pivot",
            ["category_id"],
            ["__count", "answer_on_time_rate"],
        )
    }
    cells["E23"] = {
        "content": link(
            "By team", "pivot", ["team_id"], ["__count", "answer_on_time_rate"]
        )
    }
    cells["A24"] = {"content": '=_t("Category")'}
    cells["B24"] = {"content": '=_t("Complaints")'}
    cells["C24"] = {"content": '=_t("% on time")'}
    cells["E24"] = {"content": '=_t("Team")'}
    cells["F24"] = {"content": '=_t("Complaints")'}
    cells["G24"] = {"content": '=_t("% on time")'}
    for index in range(1, 11):
        row = 24 + index
        cells[f"A{row}"] = {"content": f'=PIVOT.HEADER(6,"#category_id",{index})'}
        cells[f"B{row}"] = {
            "content": f'=PIVOT.VALUE(6,"__count","#category_id",{index})'
        }
        cells[f"C{row}"] = {
            "content": f'=PIVOT.VALUE(6,"answer_on_time_rate","#category_id",{index})'
        }
        cells[f"E{row}"] = {"content": f'=PIVOT.HEADER(7,"#team_id",{index})'}
        cells[f"F{row}"] = {"content": f'=PIVOT.VALUE(7,"__count","#team_id",{index})'}
        cells[f"G{row}"] = {
            "content": f'=PIVOT.VALUE(7,"answer_on_time_rate","#team_id",{index})'
        }
    return {
        "id": "klachten-dashboard",
        "name": "Dashboard",
        "colNumber": 7,
        "rowNumber": 40,
        "rows": {"6": {"size": 40}, "22": {"size": 40}, "23": {"size": 40}},
        "cols": {
            "0": {"size": 275},
            "1": {"size": 100},
            "2": {"size": 100},
            "3": {"size": 50},
            "4": {"size": 275},
            "5": {"size": 100},
            "6": {"size": 100},
        },
        "merges": [],
        "cells": cells,
        "styles": {
            "A7": 1,
            "A23": 1,
            "E23": 1,
            "A24": 2,
            "E24": 2,
            "B24:C24": 5,
            "F24:G24": 5,
            "A25:A34": 3,
            "E25:E34": 3,
            "B25:C34": 4,
            "F25:G34": 4,
        },
        "formats": {"C25:C34": 3, "G25:G34": 3},
        "borders": {"A7:G7": 1, "A23:C23": 1, "E23:G23": 1},
        "conditionalFormats": [
            {
                "rule": {
                    "type": "DataBarRule",
                    "color": 15531509,
                    "rangeValues": "B25:B34",
                },
                "id": "7b1d2c3e-0a1b-4c5d-8e9f-0000000000c1",
                "ranges": ["A25:A34"],
            },
            {
                "rule": {
                    "type": "DataBarRule",
                    "color": 16708338,
                    "rangeValues": "F25:F34",
                },
                "id": "7b1d2c3e-0a1b-4c5d-8e9f-0000000000c2",
                "ranges": ["E25:E34"],
            },
        ],
        "figures": figures(),
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "dataValidationRules": [],
        "comments": {},
    }


def scorecard(fid, x, title, key, baseline=None, descr=None, colour="#EFF6FF"):
    data = {
        "baselineColorDown": "#DC6965",
        "baselineColorUp": "#00A04A",
        "baselineMode": "difference",
        "title": {"text": title, "bold": True, "color": "#434343"},
        "type": "scorecard",
        "background": colour,
        "keyValue": key,
        "humanize": False,
    }
    if baseline:
        data["baseline"] = baseline
        data["baselineDescr"] = descr
    return {
        "id": fid,
        "x": x,
        "y": 12,
        "width": 190,
        "height": 106,
        "tag": "chart",
        "data": data,
    }


def figures():
    month_chart = {
        "id": "7b1d2c3e-0a1b-4c5d-8e9f-0000000000f6",
        "x": 0,
        "y": 178,
        "width": 1000,
        "height": 344,
        "tag": "chart",
        "data": {
            "title": {"text": ""},
            "background": "#FFFFFF",
            "legendPosition": "none",
            "metaData": {
                "groupBy": ["date_received:month"],
                "measure": "__count",
                "order": None,
                "resModel": MODEL,
                "mode": "line",
            },
            "searchParams": {
                "comparison": None,
                "context": {},
                "domain": [],
                "groupBy": ["date_received:month"],
                "orderBy": [],
            },
            "type": "odoo_line",
            "verticalAxisPosition": "left",
            "stacked": False,
            "fillArea": True,
            "fieldMatching": matching(),
        },
    }
    return [
        scorecard(
            "7b1d2c3e-0a1b-4c5d-8e9f-0000000000f1", 0, "Open complaints", "Data!C1"
        ),
        scorecard(
            "7b1d2c3e-0a1b-4c5d-8e9f-0000000000f2",
            200,
            "Overdue",
            "Data!C2",
            colour="#FFF7ED",
        ),
        scorecard(
            "7b1d2c3e-0a1b-4c5d-8e9f-0000000000f3",
            400,
            "Received this quarter",
            "Data!C3",
            baseline="Data!C4",
            descr="since last quarter",
        ),
        scorecard(
            "7b1d2c3e-0a1b-4c5d-8e9f-0000000000f4",
            600,
            "Answered on time",
            "Data!C5",
        ),
        scorecard(
            "7b1d2c3e-0a1b-4c5d-8e9f-0000000000f5",
            800,
            "Founded",
            "Data!C6",
            colour="#FFF7ED",
        ),
        month_chart,
    ]


def data_sheet():
    founded = 'PIVOT.VALUE(5,"__count","validity","{}")'
    judged = "+".join(
        founded.format(v) for v in ("founded", "partly_founded", "unfounded")
    )
    cells = {
        "A1": {"content": '=_t("KPI - Open complaints")'},
        "B1": {"content": '=PIVOT.VALUE(1,"__count")'},
        "C1": {"content": "=FORMAT.LARGE.NUMBER(B1)"},
        "A2": {"content": '=_t("KPI - Overdue")'},
        "B2": {"content": '=PIVOT.VALUE(2,"__count")'},
        "C2": {"content": "=FORMAT.LARGE.NUMBER(B2)"},
        "A3": {"content": '=_t("KPI - Received this quarter")'},
        "B3": {
            "content": '=PIVOT.VALUE(3,"__count","date_received:quarter",'
            'ROUNDUP(MONTH(TODAY())/3,0)&"/"&YEAR(TODAY()))'
        },
        "C3": {"content": "=FORMAT.LARGE.NUMBER(B3)"},
        "A4": {"content": '=_t("KPI - Received last quarter")'},
        "B4": {
            "content": '=PIVOT.VALUE(3,"__count","date_received:quarter",'
            'ROUNDUP(MONTH(EDATE(TODAY(),-3))/3,0)&"/"&YEAR(EDATE(TODAY(),-3)))'
        },
        "C4": {"content": "=FORMAT.LARGE.NUMBER(B4)"},
        "A5": {"content": '=_t("KPI - Answered on time")'},
        "B5": {"content": '=PIVOT.VALUE(4,"answer_on_time_rate")/100'},
        "C5": {"content": "=B5"},
        "A6": {"content": '=_t("KPI - Founded or partly founded")'},
        "B6": {
            "content": "=IFERROR(("
            + founded.format("founded")
            + "+"
            + founded.format("partly_founded")
            + ")/("
            + judged
            + "),0)"
        },
        "C6": {"content": "=B6"},
    }
    return {
        "id": "klachten-data",
        "name": "Data",
        "colNumber": 4,
        "rowNumber": 10,
        "rows": {},
        "cols": {"0": {"size": 230}, "1": {"size": 90}, "2": {"size": 90}},
        "merges": [],
        "cells": cells,
        "styles": {"C1:C6": 6},
        "formats": {"B5:C6": 1},
        "borders": {},
        "conditionalFormats": [],
        "figures": [],
        "tables": [],
        "areGridLinesVisible": True,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "dataValidationRules": [],
        "comments": {},
    }


def dashboard():
    return {
        "version": 21,
        "sheets": [dashboard_sheet(), data_sheet()],
        "styles": STYLES,
        "formats": FORMATS,
        "borders": BORDERS,
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (US)",
                "code": "en_US",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "mm/dd/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 7,
            }
        },
        "pivots": {p["id"]: p for p in PIVOTS},
        "pivotNextId": len(PIVOTS) + 1,
        "customTableStyles": {},
        "odooVersion": 12,
        "globalFilters": [
            {
                "id": PERIOD,
                "type": "date",
                "label": "Period",
                "defaultValue": "last_year",
                "rangeType": "relative",
            },
            {
                "id": TEAM,
                "type": "relation",
                "label": "Team",
                "modelName": "klachtenbeheer.team",
                "defaultValue": [],
                "defaultValueDisplayNames": [],
                "rangeType": "year",
            },
        ],
        "lists": {},
        "listNextId": 1,
        "chartOdooMenusReferences": {
            fig["id"]: "klachtenbeheer.klachtenbeheer_complaint_menu"
            for fig in dashboard_sheet()["figures"]
        },
    }


def main():
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(json.dumps(dashboard(), indent=4, ensure_ascii=False) + "\n")
    print(f"written {TARGET}")


if __name__ == "__main__":
    main()
