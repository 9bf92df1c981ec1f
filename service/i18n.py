"""Chinese first, English too: the interface's words, keyed by their Chinese text.

A template writes ``{{ _("单位") }}``; in English it shows the translation
below. A Chinese text with no entry shows as it is, and a test lists any
missing entry.
"""

from __future__ import annotations

from flask import Flask, g, request

LANGUAGES = ("zh", "en")

EN: dict[str, str] = {
    "区域化党建协作网络": "Regional party-building collaboration network",
    "首页": "Dashboard",
    "数据概况": "What the store holds",
    "单位": "Units",
    "党组织": "Party organisations",
    "党员": "Members",
    "活动": "Activities",
    "参与记录": "Participations",
    "共建协议": "Agreements",
    "区域": "Zones",
    "按类型统计单位": "Units by kind",
    "按街道统计单位": "Units by street",
    "类型": "Kind",
    "街道": "Street",
    "数量": "Count",
    "每月活动数": "Activities per month",
    "最近一次导入": "Last import",
    "时间": "Time",
    "来源": "Source",
    "表": "Table",
    "新增": "Added",
    "更新": "Updated",
    "未变": "Unchanged",
    "警告": "Warnings",
    "尚无导入记录。": "No import yet.",
    "数据存储暂时无法访问": "The data store cannot be reached right now",
    "请稍后刷新本页；如果问题持续，请联系管理员检查数据库服务。": (
        "Reload this page in a moment; if it persists, ask the administrator to check the database."
    ),
    "页面不存在": "Page not found",
    "请求有误": "Bad request",
    "返回首页": "Back to the dashboard",
    "存储": "Store",
    "近24个月": "last 24 months",
    "导入数据": "Import",
    "选择工作簿（.xlsx）或多个 CSV / JSON 文件（以表名命名，如 units.csv）。": (
        "Choose a workbook (.xlsx) or several CSV / JSON files (named after their table,"
        " e.g. units.csv)."
    ),
    "全部检查通过才写入；有任何错误，什么都不写入。": (
        "Nothing is written unless every file is valid."
    ),
    "只检查，不写入": "Check only, write nothing",
    "上传并导入": "Upload and import",
    "下载空白模板": "Download the empty template",
    "发现错误，未写入任何数据": "Problems found; nothing was written",
    "导入成功": "Imported",
    "检查通过（未写入）": "Valid (nothing written)",
    "位置": "Where",
    "级别": "Severity",
    "问题": "Problem",
    "错误": "Error",
    "只显示前500条。": "Only the first 500 are shown.",
    "导入记录": "Import history",
}


def language() -> str:
    """The current request's language: ``?lang=``, then the cookie, then the default."""
    if "lang" not in g:
        from flask import current_app

        chosen = request.args.get("lang") or request.cookies.get("lang")
        g.lang = chosen if chosen in LANGUAGES else current_app.config["COBUILD_LANGUAGE"]
    return g.lang


def translate(text: str) -> str:
    """``text`` in the current language."""
    return EN.get(text, text) if language() == "en" else text


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(_=translate, language=language)

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES:
            response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response
