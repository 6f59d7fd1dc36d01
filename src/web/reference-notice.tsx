/** The reference of a case just filed, large, with what it is for: on every "sent" page. */
export function ReferenceNotice(props: { label: string; reference: string; hint: string }) {
  return (
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">{props.label}</p>
        <p class="utrecht-paragraph bow-reference" id="reference">
          {props.reference}
        </p>
        <p class="utrecht-paragraph">{props.hint}</p>
      </div>
    </div>
  );
}
