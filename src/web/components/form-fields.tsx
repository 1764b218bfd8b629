// Labelled controls for the GET filter forms: one place decides markup, ids and the "any" choice.

export type Choice = { value: string; label: string };

export function SelectField({
  id,
  name,
  label,
  choices,
  selected,
  anyLabel,
}: {
  id: string;
  name: string;
  label: string;
  choices: Choice[];
  selected: string | undefined;
  anyLabel: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{anyLabel}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value} selected={c.value === selected}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SearchField({ id, name, label, value }: { id: string; name: string; label: string; value: string | undefined }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input type="search" id={id} name={name} value={value ?? ""} />
    </div>
  );
}
