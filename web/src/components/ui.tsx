/**
 * @module The component set, styled once in styles.css (decision 0030). Menus, dialogs,
 * popovers, tooltips and tabs are Radix UI primitives, which bring focus management, keyboard
 * handling and ARIA; buttons, inputs and selects are the native elements with the design's
 * classes, since the browser's own are already accessible and a phone shows its own picker.
 */
import { DropdownMenu, Dialog as RDialog, Popover as RPopover, Tooltip as RTooltip } from 'radix-ui'
import type { ButtonHTMLAttributes, CSSProperties, ReactNode } from 'react'
import { forwardRef } from 'react'

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost'

/** A button in one of four weights; `icon` makes it square for a glyph with an aria-label. */
export const Button = forwardRef<
  HTMLButtonElement,
  ButtonHTMLAttributes<HTMLButtonElement> & {
    variant?: ButtonVariant
    size?: 'sm' | 'md'
    icon?: boolean
  }
>(function Button({ variant = 'secondary', size = 'md', icon, className, ...rest }, ref) {
  const cls = ['btn', `btn-${variant}`, size === 'sm' ? 'btn-sm' : '', icon ? 'btn-icon' : '']
  if (className) cls.push(className)
  return <button ref={ref} type="button" className={cls.filter(Boolean).join(' ')} {...rest} />
})

/** A modal dialog: focus stays inside, Escape and the close button end it, focus returns. */
export function Dialog(props: {
  title: string
  onClose: () => void
  children: ReactNode
  wide?: boolean
}) {
  return (
    <RDialog.Root open onOpenChange={(open) => (open ? undefined : props.onClose())}>
      <RDialog.Portal>
        <RDialog.Overlay className="overlay" />
        <RDialog.Content
          className={`dialog${props.wide ? ' wide' : ''}`}
          aria-describedby={undefined}
        >
          <div className="dialog-head">
            <RDialog.Title>{props.title}</RDialog.Title>
            <RDialog.Close asChild>
              <Button variant="ghost" icon aria-label="Close">
                ✕
              </Button>
            </RDialog.Close>
          </div>
          {props.children}
        </RDialog.Content>
      </RDialog.Portal>
    </RDialog.Root>
  )
}

export type MenuItem =
  | { label: string; onSelect: () => void; danger?: boolean; checked?: boolean }
  | 'separator'

/** A menu of actions behind a trigger button (arrow keys, type-ahead, Escape). */
export function Menu(props: {
  trigger: ReactNode
  label: string
  items: readonly MenuItem[]
  align?: 'start' | 'end'
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button variant="ghost" aria-label={props.label} className="menu-trigger">
          {props.trigger}
        </Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align={props.align ?? 'end'} sideOffset={6}>
          {props.items.map((item, i) =>
            item === 'separator' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: separators have no identity
              <DropdownMenu.Separator key={i} className="menu-sep" />
            ) : (
              <DropdownMenu.Item
                key={item.label}
                className={`menu-item${item.danger ? ' danger' : ''}`}
                onSelect={item.onSelect}
              >
                <span className="menu-check" aria-hidden="true">
                  {item.checked ? '✓' : ''}
                </span>
                {item.label}
              </DropdownMenu.Item>
            ),
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}

/** Content that opens beside its trigger and closes on Escape or a click outside. */
export function Popover(props: {
  trigger: ReactNode
  label: string
  children: ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
}) {
  return (
    <RPopover.Root
      {...(props.open === undefined ? {} : { open: props.open })}
      {...(props.onOpenChange ? { onOpenChange: props.onOpenChange } : {})}
    >
      <RPopover.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={props.label}>
          {props.trigger}
        </Button>
      </RPopover.Trigger>
      <RPopover.Portal>
        <RPopover.Content className="popover" sideOffset={6} aria-label={props.label}>
          {props.children}
        </RPopover.Content>
      </RPopover.Portal>
    </RPopover.Root>
  )
}

/** A short description of a control, on hover and on keyboard focus. */
export function Tooltip({ text, children }: { text: string; children: ReactNode }) {
  return (
    <RTooltip.Root>
      <RTooltip.Trigger asChild>{children}</RTooltip.Trigger>
      <RTooltip.Portal>
        <RTooltip.Content className="tooltip" sideOffset={6}>
          {text}
        </RTooltip.Content>
      </RTooltip.Portal>
    </RTooltip.Root>
  )
}

export const TooltipProvider = RTooltip.Provider

/** A label (or any tag) as a chip; its colour shows as a dot and a tint, the name in words. */
export function Chip(props: { name: string; color?: string | undefined; className?: string }) {
  const { color } = props
  const style = color ? ({ '--chip': color } as CSSProperties) : undefined
  const cls = ['badge', props.className, color ? 'coloured' : ''].filter(Boolean).join(' ')
  return (
    <span className={cls} style={style}>
      {color ? <span className="chip-dot" aria-hidden="true" /> : null}
      {props.name}
    </span>
  )
}

const AVATAR_HUES = [12, 38, 95, 160, 195, 220, 262, 300, 335]

/** Initials on a colour derived from the name, so a person looks the same everywhere. */
export function Avatar({ name, size = 'sm' }: { name: string; size?: 'sm' | 'md' }) {
  let h = 0
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0
  const words = name
    .trim()
    .split(/[\s._-]+/)
    .filter(Boolean)
  const initials = (
    words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : name.slice(0, 2)
  ).toUpperCase()
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ '--hue': AVATAR_HUES[h % AVATAR_HUES.length] } as CSSProperties}
      title={name}
      aria-hidden="true"
    >
      {initials}
    </span>
  )
}
