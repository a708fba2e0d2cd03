import type { Role } from '@corates/shared';
import { ROLE_LABEL } from './roles.ts';

/** A role as a small badge; `prefix` is read out before it ("Your role: Owner"). */
export function RoleBadge(props: { role: Role; prefix?: string }) {
  return (
    <span class={`badge badge-${props.role}`}>
      {props.prefix ? <span class="visually-hidden">{props.prefix} </span> : null}
      {ROLE_LABEL[props.role]}
    </span>
  );
}
