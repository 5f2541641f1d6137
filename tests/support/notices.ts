// A hand-made school for the overdue notice tests. Today (tests/support/library.ts NOW) is Tuesday 2026-11-24.
// Every group's day is Tuesday: 三年级(2)班 and 五年级(3)班 borrow on their own 借阅日 (周二下午), 四年级(1)班 on
// its grade's rota (Tuesday afternoon), and 教师借书时间 is set to 周二下午.
//   三年级(2)班  王老师 wang@      S0002 草房子 due 11-20 (4 days), S0003 <img…> due 11-23 (1 day)
//   四年级(1)班  李老师 li@        S0001 西游记 due 11-10 (14 days), S0001 十万个为什么 due 11-26 (not yet)
//   五年级(3)班  赵老师, no e-mail  S0004 昆虫记 due 11-18 (6 days)
//   图书: 草房子 (000102) has 索书号 I287.7/12
//   no class                      S0005 安徒生童话 due 11-19 (5 days)
//   teacher-readers               T0001 王老师 wang@ 小学语文教学参考 due 11-01 (23 days); T0002 刘老师, no e-mail, 新华字典 due 11-15 (9 days)
import type { LocalRuntime } from '../../local/index';
import { day, library, seed } from './library';

export const XSS = '<img src=x onerror=alert(1)>';

export function noticeSchool(opts: Parameters<typeof library>[0] = {}): LocalRuntime {
  const rt = library(opts);
  seed(rt, '班级', [
    { 班级: '三年级(2)班', 年级: 3, 班主任: '王老师', 班主任邮箱: 'wang@school.example', 借阅日: '周二', 借阅时间: '下午' },
    { 班级: '四年级(1)班', 年级: 4, 班主任: '李老师', 班主任邮箱: 'li@school.example' },
    { 班级: '五年级(3)班', 年级: 5, 班主任: '赵老师', 班主任邮箱: '', 借阅日: '周二', 借阅时间: '下午' },
  ]);
  seed(rt, '图书', [{ 登记号: '000102', 题名: '草房子', 索书号: 'I287.7/12', 文献类型: '普通图书', 状态: '借出' }]);
  setSetting(rt, '教师借书时间', '周二下午');
  seed(rt, '读者', [
    { 证号: 'S0001', 姓名: '张小明', 读者类型: '学生', 年级: 4, 班级: '四年级(1)班', 状态: '在读' },
    { 证号: 'S0002', 姓名: '李小红', 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' },
    { 证号: 'S0003', 姓名: '王小刚', 读者类型: '学生', 年级: 3, 班级: '三年级(2)班', 状态: '在读' },
    { 证号: 'S0004', 姓名: '陈一一', 读者类型: '学生', 年级: 5, 班级: '五年级(3)班', 状态: '在读' },
    { 证号: 'S0005', 姓名: '周插班', 读者类型: '学生', 状态: '在读' },
    { 证号: 'T0001', 姓名: '王老师', 读者类型: '教师', 班级: '三年级(2)班', 邮箱: 'wang@school.example', 状态: '在读' },
    { 证号: 'T0002', 姓名: '刘老师', 读者类型: '教师', 状态: '在读' },
  ]);
  seed(rt, '在借', [
    loan('L1', '000102', 'S0002', '李小红', '三年级(2)班', '草房子', '2026-11-13', '2026-11-20'),
    loan('L2', '000106', 'S0003', '王小刚', '三年级(2)班', XSS, '2026-11-16', '2026-11-23'),
    loan('L3', '000101', 'S0001', '张小明', '四年级(1)班', '西游记', '2026-11-03', '2026-11-10'),
    loan('L4', '000107', 'S0001', '张小明', '四年级(1)班', '十万个为什么', '2026-11-19', '2026-11-26'),
    loan('L5', '000105', 'S0004', '陈一一', '五年级(3)班', '昆虫记', '2026-11-11', '2026-11-18'),
    loan('L6', '000108', 'S0005', '周插班', '', '安徒生童话', '2026-11-12', '2026-11-19'),
    loan('L7', '000104', 'T0001', '王老师', '三年级(2)班', '小学语文教学参考', '2026-10-02', '2026-11-01'),
    loan('L8', '000103', 'T0002', '刘老师', '', '新华字典', '2026-10-16', '2026-11-15'),
  ]);
  return rt;
}

export function loan(id: string, barcode: string, readerId: string, name: string, className: string, title: string, lent: string, due: string): Record<string, unknown> {
  return {
    流水号: id, 登记号: barcode, 证号: readerId, 姓名: name, 班级: className, 题名: title, 文献类型: '普通图书', 价格: 20,
    借出时间: new Date(`${lent}T10:00:00+08:00`), 应还日期: day(due), 续借次数: 0, 经办人: '管理员',
  };
}

/** Sets a 设置 row's value (by its 项目). */
export function setSetting(rt: LocalRuntime, item: string, value: string | number): void {
  const sheet = rt.workbook.sheet('设置')!;
  const values = sheet.values();
  const row = values.findIndex((r) => r[0] === item);
  if (row < 1) throw new Error(`no setting ${item}`);
  sheet.setCell(row + 1, 2, value);
  rt.caches.clear(); // what onEdit of the settings tab does (invalidateLibraryCache)
}

/** Moves the clock to a local Shanghai time on a day. */
export function at(rt: LocalRuntime, dayStr: string, time = '10:30'): void {
  rt.clock.set(`${dayStr}T${time}:00+08:00`);
}
