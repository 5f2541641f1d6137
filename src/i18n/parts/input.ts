// What INVALID_INPUT says about one refused field (src/app/entry.ts maps zod's issue codes to these).
export const messages = {
  'input.tooShort': ['至少 {min} 个字符', 'at least {min} characters'],
  'input.tooFewItems': ['至少 {min} 项', 'at least {min} items'],
  'input.tooSmall': ['不能小于 {min}', 'at least {min}'],
  'input.tooLong': ['最多 {max} 个字符', 'at most {max} characters'],
  'input.tooManyItems': ['最多 {max} 项', 'at most {max} items'],
  'input.tooBig': ['不能大于 {max}', 'at most {max}'],
  'input.format': ['格式不对', 'wrong format'],
  'input.oneOf': ['应为以下之一：{values}', 'one of: {values}'],
  'input.unknownKeys': ['含有不认识的内容', 'holds something not expected'],
  'input.invalid': ['无效', 'invalid'],
} as const satisfies Record<string, readonly [zh: string, en: string]>;
