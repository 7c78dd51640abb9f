import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FieldError, fieldErrorProps } from "./field-error";

describe("fieldErrorProps", () => {
  it("points at the hint, and at the error while there is one", () => {
    expect(fieldErrorProps({ id: "phone", error: undefined, hint: true })).toEqual({ "aria-invalid": undefined, "aria-describedby": "phone-hint" });
    expect(fieldErrorProps({ id: "phone", error: "Bad number.", hint: true })).toEqual({ "aria-invalid": true, "aria-describedby": "phone-hint phone-error" });
  });

  it("describes a field without a hint only by its error", () => {
    expect(fieldErrorProps({ id: "code", error: undefined })).toEqual({ "aria-invalid": undefined, "aria-describedby": undefined });
    expect(fieldErrorProps({ id: "code", error: "Wrong code." })).toEqual({ "aria-invalid": true, "aria-describedby": "code-error" });
  });
});

describe("FieldError", () => {
  it("renders the message as an alert with the id the input points at, and nothing without an error", () => {
    expect(renderToStaticMarkup(<FieldError id="code" error="Wrong code." />)).toBe('<p class="error" id="code-error" role="alert">Wrong code.</p>');
    expect(renderToStaticMarkup(<FieldError id="code" error={undefined} />)).toBe("");
  });
});
