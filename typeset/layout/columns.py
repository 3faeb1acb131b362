"""Balancing a flow into the columns of a module.

Column bottoms inside a module differ by at most one line where the flow
allows it (a subhead occupies several lines and moves as one). A subhead never
ends a column, and a column does not start with the single last line of a
paragraph (孤行) when moving one line avoids it.
"""

from __future__ import annotations

from .measure import FlowLine


def split_columns(flow: tuple[FlowLine, ...], columns: int, height: int) -> list[list[FlowLine]]:
    """Fill `columns` columns of at most `height` lines, as evenly as possible."""
    total = sum(f.height for f in flow)
    target = min(height, -(-total // columns)) if columns else 0
    out: list[list[FlowLine]] = []
    i = 0
    for column in range(columns):
        remaining_columns = columns - column
        rest = sum(f.height for f in flow[i:])
        limit = height if remaining_columns == 1 else min(height, max(target, -(-rest // remaining_columns)))
        col: list[FlowLine] = []
        used = 0
        while i < len(flow) and used + flow[i].height <= limit:
            col.append(flow[i])
            used += flow[i].height
            i += 1
        def room_after(extra: int) -> bool:
            """Do the later columns still hold the rest if `extra` lines move on?"""
            return sum(f.height for f in flow[i:]) + extra <= (remaining_columns - 1) * height

        # A subhead is not left alone at a column foot.
        while (col and col[-1].keep_with_next and i < len(flow) and remaining_columns > 1
               and room_after(col[-1].height)):
            i -= 1
            used -= col.pop().height
        # 孤行: the next column would start with a paragraph's last line alone.
        if (remaining_columns > 1 and i < len(flow) and flow[i].paragraph_end
                and not flow[i].paragraph_start and len(col) > 1 and not col[-1].keep_with_next
                and room_after(col[-1].height)):
            i -= 1
            col.pop()
        out.append(col)
    if i < len(flow):          # cannot happen when height × columns ≥ total; never drop text
        out[-1].extend(flow[i:])
    return out
