// What INVALID_INPUT says about one refused field (src/app/entry.ts maps zod's issue codes to these).
export const zh = {
  'input.required': '必填',
  'input.type': '类型不对（应为 {expected}）',
  'input.tooShort': '至少 {min} 个字符',
  'input.tooFewItems': '至少 {min} 项',
  'input.tooSmall': '不能小于 {min}',
  'input.tooLong': '最多 {max} 个字符',
  'input.tooManyItems': '最多 {max} 项',
  'input.tooBig': '不能大于 {max}',
  'input.format': '格式不对',
  'input.oneOf': '应为以下之一：{values}',
  'input.unknownKeys': '不认识的字段：{keys}',
  'input.invalid': '无效',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'input.required': 'required',
  'input.type': 'wrong type (expected {expected})',
  'input.tooShort': 'at least {min} characters',
  'input.tooFewItems': 'at least {min} items',
  'input.tooSmall': 'at least {min}',
  'input.tooLong': 'at most {max} characters',
  'input.tooManyItems': 'at most {max} items',
  'input.tooBig': 'at most {max}',
  'input.format': 'wrong format',
  'input.oneOf': 'one of: {values}',
  'input.unknownKeys': 'unknown field(s): {keys}',
  'input.invalid': 'invalid',
};
