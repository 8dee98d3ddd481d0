/*
 * vireo_guest: the smallest guest that behaves like an operating system for
 * the integration tests. QEMU loads it with -kernel (multiboot, 32-bit ELF).
 * It prints "vireo-guest: up" on COM1 (the serial console, so tests can read
 * it from the pty), enables the ACPI power button, waits for it (saying
 * "vireo-guest: alive" now and then, since QEMU drops what a pty gets while
 * nobody has it open), and then
 * powers the machine off through the ACPI PM1a control register: the same
 * SHUTDOWN (guest-shutdown) that a Linux guest produces for
 * virDomainShutdown. The PM I/O base 0x600 is where SeaBIOS puts it on both
 * the i440fx (PIIX4) and q35 (ICH9) machines.
 *
 * Built with binutils only: as --32, ld -m elf_i386 -Ttext 0x100000.
 */
    .set MB_MAGIC, 0x1BADB002
    .set MB_FLAGS, 0
    .section .text
    .code32
    .globl _start
    .align 4
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
_start:
    cli
    mov $stack_top, %esp
    mov $hello, %esi
    call puts
    /* PM1a enable register (PIIX4/ICH9 PM base 0x600 as SeaBIOS sets it): power button */
    mov $0x602, %dx
    inw %dx, %ax
    or $0x100, %ax
    outw %ax, %dx
    xor %ecx, %ecx
wait:
    inc %ecx
    test $0x1fffff, %ecx      /* every 2M polls (about a second under TCG) */
    jnz 3f
    mov $alive, %esi
    call puts
3:  mov $0x600, %dx
    inw %dx, %ax
    test $0x100, %ax
    jz wait
    mov $0x100, %ax
    outw %ax, %dx            /* clear the status bit */
    mov $bye, %esi
    call puts
    mov $0x604, %dx
    mov $0x2000, %ax         /* SLP_EN, SLP_TYP 0: soft off */
    outw %ax, %dx
halt:
    hlt
    jmp halt

puts:                         /* %esi: NUL-terminated string → COM1 */
    mov $0x3f8, %dx
1:  lodsb
    test %al, %al
    jz 2f
    outb %al, %dx
    jmp 1b
2:  ret

    .section .data
hello: .asciz "vireo-guest: up\n"
bye:   .asciz "vireo-guest: power button, bye\n"
alive: .asciz "vireo-guest: alive\n"
    .section .bss
    .align 16
    .skip 4096
stack_top:
