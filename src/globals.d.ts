declare const __TICKET_VERSION__: string
