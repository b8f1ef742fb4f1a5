/**
 * Outlined form fields with TextField's DOM (the label names the control through `for`/id, the helper text is its
 * description through aria-describedby, a select is a native <select>), composed of FormControl + InputLabel +
 * OutlinedInput: TextField itself imports MUI's whole Select stack (Menu, Popover, Modal, FocusTrap, ...) and the
 * filled and standard inputs, which none of our fields use.
 */
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import NativeSelect from '@mui/material/NativeSelect';
import OutlinedInput from '@mui/material/OutlinedInput';
import type { SxProps, Theme } from '@mui/material/styles';
import { useId, type ChangeEvent, type InputHTMLAttributes, type JSX, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  value: string;
  disabled?: boolean;
  fullWidth?: boolean;
  sx?: SxProps<Theme>;
}

export interface TextInputFieldProps extends FieldProps {
  onChange(event: ChangeEvent<HTMLInputElement>): void;
  error?: boolean;
  /** Shown below the field and read as its description. */
  helperText?: ReactNode;
  name?: string;
  autoComplete?: string;
  /** Attributes of the <input> itself (inputMode, maxLength, spellCheck, ...). */
  htmlInput?: InputHTMLAttributes<HTMLInputElement>;
}

/** What both fields give their FormControl: small and outlined, as TextField with `size="small"`. */
function controlProps(props: FieldProps & { error?: boolean }) {
  return {
    size: 'small',
    variant: 'outlined',
    fullWidth: props.fullWidth ?? false,
    disabled: props.disabled ?? false,
    error: props.error ?? false,
    ...(props.sx ? { sx: props.sx } : {}),
  } as const;
}

/** A small outlined text input with a floating label and an optional helper text. */
export function TextInputField(props: TextInputFieldProps): JSX.Element {
  const id = useId();
  const helperTextId = props.helperText ? `${id}-helper-text` : undefined;
  return (
    <FormControl {...controlProps(props)}>
      <InputLabel htmlFor={id} id={`${id}-label`}>
        {props.label}
      </InputLabel>
      <OutlinedInput
        id={id}
        label={props.label}
        fullWidth={props.fullWidth ?? false}
        value={props.value}
        onChange={props.onChange}
        {...(props.name ? { name: props.name } : {})}
        {...(props.autoComplete ? { autoComplete: props.autoComplete } : {})}
        {...(helperTextId ? { 'aria-describedby': helperTextId } : {})}
        {...(props.htmlInput ? { inputProps: props.htmlInput } : {})}
      />
      {props.helperText && <FormHelperText id={helperTextId}>{props.helperText}</FormHelperText>}
    </FormControl>
  );
}

export interface NativeSelectFieldProps extends FieldProps {
  onChange(event: ChangeEvent<HTMLSelectElement>): void;
  /** The <option> elements. */
  children: ReactNode;
}

/** A small outlined native <select> (role combobox) with its label always raised, like TextField `select native`. */
export function NativeSelectField(props: NativeSelectFieldProps): JSX.Element {
  const id = useId();
  return (
    <FormControl {...controlProps(props)}>
      <InputLabel htmlFor={id} id={`${id}-label`} shrink>
        {props.label}
      </InputLabel>
      <NativeSelect
        input={<OutlinedInput id={id} label={props.label} fullWidth={props.fullWidth ?? false} notched />}
        value={props.value}
        onChange={props.onChange}
      >
        {props.children}
      </NativeSelect>
    </FormControl>
  );
}
