"""Block Kit as plain lines, for the demo transcript and for tests that read what a person would see."""

from __future__ import annotations

from typing import Any


def _text(element: Any) -> str:
    if isinstance(element, dict):
        inner = element.get("text")
        if isinstance(inner, dict):
            return str(inner.get("text", ""))
        if isinstance(inner, str):
            return inner
    return ""


def blocks_as_text(blocks: list[dict[str, Any]]) -> str:
    """Texts in order; buttons as `[label]`, a select as `[chosen ▾]`, a divider as a rule."""
    out: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind in ("header", "section"):
            out.append(_text(block))
            out.extend(_text({"text": f}) for f in block.get("fields", []))
            accessory = block.get("accessory") or {}
            if accessory.get("type") == "button":
                out.append(f"[{_text(accessory)}]")
            elif "initial_option" in accessory:
                out.append(f"[{_text(accessory['initial_option'])} ▾]")
            elif accessory.get("type") == "datepicker":
                out.append(f"[{accessory.get('initial_date', '…')} 📅]")
        elif kind == "context":
            out.append("  ".join(_text({"text": e}) for e in block.get("elements", [])))
        elif kind == "actions":
            labels = [_text(e) or str(e.get("initial_date", "…")) for e in block.get("elements", [])]
            out.append(" ".join(f"[{label}]" for label in labels))
        elif kind == "input":
            out.append(f"{_text({'text': block.get('label', {})})}: ____")
        elif kind == "divider":
            out.append("─" * 20)
    return "\n".join(line for line in out if line)
