import { Type } from 'typebox'
import { Closed, Short } from './common.ts'

export const Credentials = Closed({
  username: Short(),
  password: Type.String({ maxLength: 1024 }),
})

export const NewUserBody = Closed({
  username: Short(),
  password: Type.String({ maxLength: 1024 }),
  display_name: Type.Optional(Short()),
  email: Type.Optional(Short()),
})

export const EnabledBody = Closed({ enabled: Type.Boolean() })
