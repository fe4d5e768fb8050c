import { QueryFailedError } from 'typeorm';
import { loggableError, loggableUrl } from './logging';

describe('what the logs may carry', () => {
  it('keeps harmless query parameters and replaces every other value (tokens, names, ID numbers)', () => {
    expect(loggableUrl('/api/v1/disputes?page=2&pageSize=50&q=%E5%BC%A0%E4%B8%89&token=abc.def')).toBe(
      '/api/v1/disputes?page=2&pageSize=50&q=[redacted]&token=[redacted]',
    );
    expect(loggableUrl('/api/v1/reports/download?access_token=secret')).toBe('/api/v1/reports/download?access_token=[redacted]');
    expect(loggableUrl('/health')).toBe('/health');
  });

  it('logs an error without the data it was about (query parameters, pg detail)', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
      detail: 'Key (id_number)=(440307199001011234) already exists.',
    });
    const error = new QueryFailedError('INSERT INTO claimants VALUES ($1, $2)', ['张三', '440307199001011234'], driverError);
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('duplicate key value');
    expect(logged).toContain('23505');
    expect(logged).not.toContain('440307199001011234');
    expect(logged).not.toContain('张三');
  });
});
