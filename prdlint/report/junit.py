"""JUnit XML: one testcase per checked file, failing with one <failure> per finding."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from prdlint.engine import Report
from prdlint.report.options import RenderOptions
from prdlint.rulebook import RuleBook


def render(report: Report, book: RuleBook, options: RenderOptions) -> str:
    results = sorted(report.results, key=lambda r: r.path)
    failures = sum(1 for r in results if r.findings)
    suite = ET.Element(
        "testsuite",
        name="prdlint",
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
        skipped=str(sum(1 for r in results if r.skipped)),
    )
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="prdlint", name=result.path)
        if result.skipped:
            ET.SubElement(case, "skipped", message=result.skipped)
        for f in result.findings:
            failure = ET.SubElement(case, "failure", message=f"{f.code} {f.message}", type=f.code)
            failure.text = f"{f.path}:{f.line}:{f.column}: {f.code} [{f.name}] {f.message}"
    suites = ET.Element("testsuites", name="prdlint")
    suites.append(suite)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
