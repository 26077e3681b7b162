/** @module Dates in the reader's locale; one formatter each, since a list formats thousands. */

const DAY = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const MOMENT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export const formatDay = (iso: string) => DAY.format(new Date(iso))
export const formatMoment = (iso: string) => MOMENT.format(new Date(iso))
