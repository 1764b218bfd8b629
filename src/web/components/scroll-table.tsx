import type { ComponentChildren } from "preact";

/** A data table with column headers that scrolls sideways on a narrow screen instead of widening the page. */
export function ScrollTable({ caption, headers, children }: { caption?: ComponentChildren; headers: ComponentChildren[]; children: ComponentChildren }) {
  return (
    <div class="table-scroll">
      <table>
        {caption !== undefined && <caption>{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h, i) => (
              <th key={i} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
